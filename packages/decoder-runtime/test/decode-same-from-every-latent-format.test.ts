import { buildZooModel } from '@evalkit/decoder-zoo';
import { buildCodecDecoderGraph, readCodecWeights } from '@evalkit/codec';
import { fixturePath } from '@evalkit/test-harness';
import { DecoderSession, readLatents, randomLatents } from '../src';
import { maxAbsDiff } from './codec-fixture';

describe('the same latents decode the same from every file format', () => {
  it('float32 C/F .npy, .npz and safetensors decode bit-identically; float16 C/F within float16 rounding', async () => {
    // One seeded N(0, 1) latent [1, 16, 3, 4, 5] written by NumPy in every layout
    // (tools/reference/numpy_latent_files.py); safetensors is written byte by byte per its spec.
    const file = (name: string) => fixturePath('reference', 'numpy-latent-files', name);
    const session = await DecoderSession.open(buildCodecDecoderGraph(readCodecWeights()).toBytes());
    const reference = await session.decode(readLatents(file('c32.npy')));
    expect(reference.shape).toEqual([1, 3, 9, 32, 40]);
    for (const name of ['f32.npy', 'be32.npy', 'stored.npz', 'deflated.npz', 'one.safetensors']) {
      const out = await session.decode(readLatents(file(name)));
      expect({ name, diff: maxAbsDiff(out.data, reference.data) }).toEqual({ name, diff: 0 });
    }
    // float16 latents carry ~3 significant digits; |z| < 4 here, so |Δz| <= 4·2^-11 and the decoder's
    // rows (norm of basis·scale per pixel, < 1.5 here) bound the pixel error well under 0.05 on [-1, 1].
    const half = await session.decode(readLatents(file('c16.npy')));
    const halfF = await session.decode(readLatents(file('f16.npy')));
    expect(maxAbsDiff(half.data, halfF.data)).toBe(0);
    expect(maxAbsDiff(half.data, reference.data)).toBeLessThan(0.05);
    expect(maxAbsDiff(half.data, reference.data)).toBeGreaterThan(0);
    await session.release();
  }, 60_000);

  it('a zoo graph (Turbo-VAED-Hunyuan at width 1/16) decodes 5 latent frames to 17 frames in a real session', async () => {
    const build = buildZooModel('turbo-vaed-hunyuan', { height: 32, width: 32, latentFrames: 5, widthMult: 1 / 16, seed: 1 });
    const session = await DecoderSession.open(build.graph.toBytes(), { source: 'zoo:turbo-vaed-hunyuan' });
    expect(session.inputs[0].shape).toEqual([1, 16, 5, 4, 4]);
    const out = await session.decode(randomLatents([1, 16, 5, 4, 4], 3));
    expect(out.shape).toEqual([1, 3, 17, 32, 32]);
    expect(out.data.every(Number.isFinite)).toBe(true);
    await expect(session.decode(randomLatents([1, 16, 5, 8, 8], 3), 'big.npy')).rejects.toThrow(/dimension 3 \(height\) of the latent is 8 but input "latent" wants 4/);
    await session.release();
  }, 60_000);
});
