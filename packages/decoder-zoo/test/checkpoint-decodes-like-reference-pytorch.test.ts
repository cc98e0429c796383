import { join } from 'node:path';
import { buildZooModelFromCheckpoint, listZooModels } from '../src';
import { maxAbsDiff, readNpyF32, runModel } from './helpers';

// Fixtures written by tools/reference-decoders/make_fixtures.py: the public hustvl/Turbo-VAED code
// (and the diffusers baselines vendored in it) run with PyTorch on seeded reduced-width weights.
const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'reference-decoders');

describe('a zoo decoder built from the reference checkpoint decodes as the reference PyTorch code', () => {
  it.each(listZooModels())('%s: max |output - reference| <= 1e-4', async (name) => {
    const dir = join(FIXTURES, name);
    const latents = readNpyF32(join(dir, 'latents.npy'));
    const reference = readNpyF32(join(dir, 'reference.npy'));
    const [, , t, h, w] = latents.shape;
    const [, , , sh, sw] = reference.shape;
    const { build } = buildZooModelFromCheckpoint(name, join(dir, 'weights.safetensors'), { latentFrames: t, height: sh, width: sw });
    expect(build.inputShape).toEqual(latents.shape);
    expect(build.outputShape).toEqual(reference.shape);
    expect([h * (sh / h), w * (sw / w)]).toEqual([sh, sw]);
    const out = await runModel(build.graph, { latent: { data: latents.data, dims: latents.shape } });
    const diff = maxAbsDiff(out.video.data, reference.data);
    expect(diff).toBeLessThanOrEqual(1e-4);
  }, 60_000);
});
