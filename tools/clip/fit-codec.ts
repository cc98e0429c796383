// Fits the embedded codec (whitened block PCA, 16 components of 4x8x8x3 blocks) on fixtures/clip and
// writes packages/codec/assets/block-pca-16.safetensors. Deterministic.
// Run: npx tsx tools/clip/fit-codec.ts
import { resolve } from 'node:path';
import { DEFAULT_CODEC_WEIGHTS, encodeWithCodec, decodeWithCodecReference, fitBlockPca, writeCodecWeights } from '@evalkit/codec';
import { frames8ToVideo, videoToFrames8 } from '@evalkit/decoder-runtime';
import { readRgbClip } from '@evalkit/media-io';

async function main(): Promise<void> {
  const clip = await readRgbClip(resolve(__dirname, '../../fixtures/clip'));
  const video = frames8ToVideo(clip);
  const began = Date.now();
  const fit = fitBlockPca([video]);
  const seconds = (Date.now() - began) / 1000;
  const recon = videoToFrames8(decodeWithCodecReference(encodeWithCodec(video, fit), fit));
  let psnrSum = 0;
  recon.frames.forEach((frame, t) => {
    let se = 0;
    for (let i = 0; i < frame.length; i++) se += (frame[i] - clip.frames[t][i]) ** 2;
    psnrSum += 10 * Math.log10((255 * 255) / (se / frame.length));
  });
  const psnr = psnrSum / recon.frames.length;
  writeCodecWeights(DEFAULT_CODEC_WEIGHTS, fit, {
    codec: 'evalkit whitened block PCA: 16 components of 3x4x8x8 blocks, frame rule 4T-3 (frame 0 replicated 3x in front)',
    fitOn: 'fixtures/clip (17x128x128, NASA astronaut photograph via scikit-image, public domain)',
    explainedVariance: fit.explainedVariance.toFixed(6),
    meanPsnrDb: psnr.toFixed(3),
    fitter: 'tools/clip/fit-codec.ts (covariance + subspace iteration with Jacobi Rayleigh-Ritz)',
  });
  process.stdout.write(`fit in ${seconds.toFixed(1)} s (${fit.iterations} iterations): explained variance ${(fit.explainedVariance * 100).toFixed(2)}%, round-trip PSNR ${psnr.toFixed(2)} dB -> ${DEFAULT_CODEC_WEIGHTS}\n`);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exitCode = 1;
});
