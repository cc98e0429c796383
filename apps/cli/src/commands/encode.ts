import { Command } from 'commander';
import { resolve } from 'node:path';
import { createResultDocument, writeFileAtomic } from '@evalkit/core';
import { buildCodecDecoderGraph, encodeWithCodec, readCodecWeights } from '@evalkit/codec';
import { DecoderSession, frames8ToVideo, videoToFrames8 } from '@evalkit/decoder-runtime';
import { encodeNpy, readRgbClip } from '@evalkit/media-io';
import { cliManifest, REPO_ROOT } from '../shared/context';
import { formatTable, printJson } from '../shared/output';

/** Mean over frames of per-frame PSNR (dB, 8-bit peak): the paper's protocol, for the round-trip line. */
function meanPsnr(a: Uint8Array[], b: Uint8Array[]): number {
  let sum = 0;
  a.forEach((frame, t) => {
    let se = 0;
    for (let i = 0; i < frame.length; i++) se += (frame[i] - b[t][i]) ** 2;
    sum += se === 0 ? Infinity : 10 * Math.log10((255 * 255) / (se / frame.length));
  });
  return sum / a.length;
}

/** Registers `evalkit encode`. */
export function registerEncode(program: Command): void {
  program
    .command('encode')
    .description('encode a clip with the embedded codec (whitened block PCA, 16 channels, 4x8x8) into latents .npy')
    .option('--clip <path>', 'a folder of PNG frames or a .y4m file (1, 5, 9, 13, 17, ... frames; sides multiples of 8; Y4M is limited range unless tagged XCOLORRANGE=FULL)', resolve(REPO_ROOT, 'fixtures/clip'))
    .requiredOption('--out <file.npy>', 'where to write the float32 latents [1, 16, T, H/8, W/8]')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
The embedded codec is a linear video autoencoder fitted on the fixture clip (fixtures/clip, NASA
astronaut photograph, public domain): 16 principal components of 3x4x8x8 blocks, whitened, frame
rule 4T-3 (frame 0 alone in the first latent frame). Its decoder is an ONNX graph that
\`evalkit decode --model codec\` runs. The command also decodes the latents once and prints the
round-trip PSNR (24.9 dB on the fixture clip).

Examples:
  evalkit encode --out clip.npy                         the fixture clip -> 1x16x5x16x16
  evalkit encode --clip my-frames/ --out z.npy --json
  evalkit decode --latents clip.npy --out decoded/`,
    )
    .action(async (opts: { clip: string; out: string; json?: boolean }) => {
      const startedAt = new Date();
      const clip = await readRgbClip(opts.clip);
      const weights = readCodecWeights();
      const latent = encodeWithCodec(frames8ToVideo(clip), weights);
      writeFileAtomic(opts.out, encodeNpy(latent));
      const session = await DecoderSession.open(buildCodecDecoderGraph(weights).toBytes(), { source: 'codec' });
      const decoded = videoToFrames8(await session.decode(latent));
      await session.release();
      const psnr = meanPsnr(decoded.frames, clip.frames);
      const config = { clip: opts.clip, out: opts.out, codec: 'block-pca-16' };
      const result = { clip: opts.clip, frames: clip.frames.length, height: clip.height, width: clip.width, latentShape: latent.shape, roundTripPsnrDb: psnr, out: opts.out };
      if (opts.json) {
        printJson(createResultDocument('encode', cliManifest('encode', { config, startedAt }), [result], { config }));
        return;
      }
      process.stdout.write(`${formatTable(['clip', 'frames', 'latents', 'round-trip PSNR', 'written'], [[opts.clip, `${clip.frames.length}x${clip.height}x${clip.width}`, latent.shape.join('x'), `${psnr.toFixed(2)} dB`, opts.out]])}\n`);
    });
}
