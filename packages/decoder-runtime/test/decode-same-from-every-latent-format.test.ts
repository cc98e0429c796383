import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildZooModel } from '@evalkit/decoder-zoo';
import { buildCodecDecoderGraph, encodeWithCodec, readCodecWeights } from '@evalkit/codec';
import { encodeNpy } from '@evalkit/media-io';
import { DecoderSession, readLatents, randomLatents } from '../src';
import { fixtureClip, maxAbsDiff } from './codec-fixture';
import { runPython } from './python-reference';

const dir = mkdtempSync(join(tmpdir(), 'evk-formats-'));

describe('the same latents decode the same from every file format', () => {
  it('float32 C/F .npy, .npz and safetensors decode bit-identically; float16 C/F within float16 rounding', async () => {
    const { video } = await fixtureClip();
    const latent = encodeWithCodec(video, readCodecWeights());
    writeFileSync(join(dir, 'ours.npy'), encodeNpy(latent));
    // NumPy re-saves our latents in every layout; safetensors is written byte by byte per its spec.
    runPython(
      `
import numpy as np, json, struct
a = np.load('ours.npy')
np.save('f.npy', np.asfortranarray(a)); np.save('h.npy', a.astype(np.float16)); np.save('hf.npy', np.asfortranarray(a.astype(np.float16)))
np.savez_compressed('z.npz', latents=a)
h = json.dumps({'latents': {'dtype': 'F32', 'shape': list(a.shape), 'data_offsets': [0, a.nbytes]}}).encode()
open('s.safetensors', 'wb').write(struct.pack('<Q', len(h)) + h + a.tobytes())
`,
      dir,
    );
    const session = await DecoderSession.open(buildCodecDecoderGraph(readCodecWeights()).toBytes());
    const reference = await session.decode(readLatents(join(dir, 'ours.npy')));
    for (const file of ['f.npy', 'z.npz', 's.safetensors']) {
      const out = await session.decode(readLatents(join(dir, file)));
      expect({ file, diff: maxAbsDiff(out.data, reference.data) }).toEqual({ file, diff: 0 });
    }
    // float16 latents carry ~3 significant digits; |z| < 6, so |Δz| <= 6·2^-11 and the decoder's rows
    // (norm of basis·scale per pixel, < 1.5 here) bound the pixel error well under 0.05 on [-1, 1].
    const half = await session.decode(readLatents(join(dir, 'h.npy')));
    const halfF = await session.decode(readLatents(join(dir, 'hf.npy')));
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
