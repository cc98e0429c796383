import { join } from 'node:path';
import { buildZooModelFromCheckpoint } from '../src';
import { maxAbsDiff, readNpyF32, runModel } from './helpers';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'reference-decoders');

// float16 weights (widened to float32 in the graph) against the float32 file, on the reference fixtures.
// Measured here (onnxruntime-node 1.30 CPU): hunyuanvideo 3.3e-3, wan-2.1 7.6e-3 max |Δ| on outputs of
// magnitude 1.5-3.3; turbo-vaed-cog's weights are already float16 in its fixture, so its fp16 file is exact.
describe('an fp16 export stays close to the fp32 one', () => {
  it.each([
    ['hunyuanvideo', 1e-2],
    ['wan-2.1', 1e-2],
    ['turbo-vaed-cog', 0],
  ] as const)('%s: max |fp16 - fp32| <= %s', async (name, bound) => {
    const dir = join(FIXTURES, name);
    const latents = readNpyF32(join(dir, 'latents.npy'));
    const reference = readNpyF32(join(dir, 'reference.npy'));
    const { build } = buildZooModelFromCheckpoint(name, join(dir, 'weights.safetensors'), { latentFrames: latents.shape[2], height: reference.shape[3], width: reference.shape[4] });
    const full = build.graph.toBytes();
    const half = build.graph.toBytes({ float16Weights: true });
    // float16 halves the learnable weights (two bytes saved per parameter, less the Cast nodes); what the
    // rest of the graph takes is the same in both files, and not small for these reduced-width fixtures
    const saved = full.length - half.length;
    expect(saved).toBeGreaterThan(0.9 * 2 * build.params);
    expect(saved).toBeLessThanOrEqual(2 * build.params);
    const feeds = { latent: { data: latents.data, dims: latents.shape } };
    const a = (await runModel(full, feeds)).video.data;
    const b = (await runModel(half, feeds)).video.data;
    const diff = maxAbsDiff(a, b);
    expect(diff).toBeLessThanOrEqual(bound);
    if (bound > 0) expect(diff).toBeGreaterThan(0);
  }, 60_000);
});
