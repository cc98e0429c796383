import { buildCodecDecoderGraph, decodeWithCodecReference, encodeWithCodec, fitBlockPca, readCodecWeights } from '@evalkit/codec';
import { DecoderSession, randomLatents, videoToFrames8 } from '../src';
import { fixtureClip, maxAbsDiff, meanPsnr8 } from './codec-fixture';
import { assertClose, itReproducesFixture, readJsonFixture } from '@evalkit/test-harness';

const weights = readCodecWeights();

describe('embedded codec (whitened block PCA, 16 x (T/4, H/8, W/8) latents)', () => {
  let session: DecoderSession;
  beforeAll(async () => {
    session = await DecoderSession.open(buildCodecDecoderGraph(weights).toBytes(), { source: 'codec' });
  });
  afterAll(() => session.release());

  it('encodes the 17x128x128 fixture clip to 1x16x5x16x16 latents and the ONNX decoder reaches 24.9 dB mean PSNR (asserted >= 24.5)', async () => {
    const { clip, video } = await fixtureClip();
    const latent = encodeWithCodec(video, weights);
    expect(latent.shape).toEqual([1, 16, 5, 16, 16]);
    const decoded = await session.decode(latent);
    expect(decoded.shape).toEqual([1, 3, 17, 128, 128]);
    const psnr = meanPsnr8(videoToFrames8(decoded), clip);
    expect(psnr).toBeGreaterThanOrEqual(24.5);
    expect(psnr).toBeLessThan(26);
  });

  it('the ONNX graph computes the TypeScript reference decoder (max |diff| < 2e-5 on [-1,1] data)', async () => {
    const latent = randomLatents([1, 16, 3, 4, 6], 9);
    const onnxOut = await session.decode(latent);
    const ref = decodeWithCodecReference(latent, weights);
    expect(onnxOut.shape).toEqual([1, 3, 9, 32, 48]);
    expect(maxAbsDiff(onnxOut.data, ref.data)).toBeLessThan(2e-5);
  });

  it('latents are whitened: unit variance per channel on the fit clip', async () => {
    const { video } = await fixtureClip();
    const latent = encodeWithCodec(video, weights);
    const per = latent.data.length / 16;
    for (let c = 0; c < 16; c++) {
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < per; i++) {
        s += latent.data[c * per + i];
        s2 += latent.data[c * per + i] ** 2;
      }
      expect(s2 / per - (s / per) ** 2).toBeCloseTo(1, 3);
    }
  });

  it('refitting reproduces the shipped weights, and its 16 variances match numpy.linalg.eigh of the block covariance', async () => {
    const { video } = await fixtureClip();
    const fit = fitBlockPca([video]);
    expect(maxAbsDiff(fit.basis, weights.basis)).toBeLessThan(1e-6);
    expect(maxAbsDiff(fit.mean, weights.mean)).toBeLessThan(1e-6);
    // Independent check: NumPy built the same blocks (frame 0 replicated 3x in front) and took eigh
    // (tools/reference/numpy_eigh.py, codec-blocks.json; checked against its script in eigen-solvers-match-numpy).
    const ref = readJsonFixture<{ eigenvalues: number[] }>('reference', 'numpy-eigh', 'codec-blocks.json').eigenvalues;
    expect(ref).toHaveLength(16);
    ref.forEach((v, k) => assertClose(weights.scale[k] ** 2, v, { atol: 0, rtol: 1e-4 }, `variance ${k}`));
  }, 30_000);
});

itReproducesFixture({ script: 'tools/clip/make_clip.py', fixture: 'fixtures/clip', tools: ['python3-skimage', 'python3-pil'], tolerance: 0, ignoreKeys: ['versions'] });
