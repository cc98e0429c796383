import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DecoderSession, readLatents } from '@evalkit/decoder-runtime';
import { buildZooModelFromCheckpoint, listZooModels } from '@evalkit/decoder-zoo';
import { fixturePath, requireSystemTool, turboVaedReference } from '@evalkit/test-harness';
import { startTorchChild } from '../src/jobs/torch-decode-job';

// The torch:NAME row must time the same network as zoo:NAME. Both are given the reduced-width fixture
// weights and latents of fixtures/reference-decoders (written from the public hustvl/Turbo-VAED code by
// tools/reference-decoders/make_fixtures.py): the eager child's vae.decode output must equal our graph's
// onnxruntime output within 1e-4, the bound the zoo keeps against the reference.
const tools = requireSystemTool('python3-torch', 'python3-numpy');
const reference = turboVaedReference(tools);

describe('the eager PyTorch child decodes the same latents to the same video as our zoo graph', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'evk-eager-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const name of listZooModels()) {
    reference.it(`${name}: max |eager - zoo| <= 1e-4`, async () => {
      const weights = fixturePath('reference-decoders', name, 'weights.safetensors');
      const latentsFile = fixturePath('reference-decoders', name, 'latents.npy');
      const saved = join(dir, `${name}.npy`);
      const child = await startTorchChild({ model: name, referenceCode: reference.path, latents: latentsFile, threads: 1, seed: 0, weights, saveOutput: saved }, tools.paths['python3-torch']);
      await child.run();
      const result = await child.finish();
      const eager = readLatents(saved);

      const latents = readLatents(latentsFile);
      const [, , t] = latents.shape;
      const [, , , height, width] = eager.shape;
      const { build } = buildZooModelFromCheckpoint(name, weights, { latentFrames: t, height, width });
      const session = await DecoderSession.open(build.graph.toBytes(), { source: `zoo:${name}`, threads: 1 });
      const ours = await session.decode(latents);
      await session.release();

      expect(eager.shape).toEqual(ours.shape);
      expect(result.outputShape).toEqual(ours.shape);
      let diff = 0;
      for (let i = 0; i < ours.data.length; i++) diff = Math.max(diff, Math.abs(ours.data[i] - eager.data[i]));
      expect(diff).toBeLessThanOrEqual(1e-4);
      // The same parameters as the zoo counts for the checkpoint (decoder.* and post_quant_conv.*).
      expect(result.params).toBe(build.params);
    }, 120_000);
  }
});
