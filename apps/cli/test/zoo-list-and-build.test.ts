import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zooSessionChoice } from '@evalkit/decoder-zoo';
import { runEvalkit } from './support/evalkit-command';

const run = (args: string[]) => runEvalkit(args, { timeout: 120_000 });

describe('evalkit zoo', () => {
  it('list --json prints a zoo-sizes document whose full-width params are within 0.5% of the paper', () => {
    const r = run(['zoo', 'list', '--json']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe('evalkit/zoo-sizes@1');
    expect(doc.config).toEqual({ height: 512, width: 512, latentFrames: null });
    expect(doc.manifest.tool).toBe('evalkit zoo list');
    const names = doc.results.map((row: { model: string }) => row.model);
    expect(names).toEqual(['turbo-vaed-hunyuan', 'turbo-vaed-cog', 'turbo-vaed-ltx', 'turbo-vaed-dc', 'hunyuanvideo', 'cogvideox', 'ltx-video-0.9.0', 'wan-2.1']);
    for (const row of doc.results) {
      for (const field of ['model', 'label', 'family', 'baseline', 'params', 'paperParamsM', 'macs', 'paperMacsT', 'latentChannels', 'compression', 'latentFrames', 'outputFrames', 'height', 'width']) {
        expect(row).toHaveProperty(field);
      }
      // Wan 2.1 is not a paper target: its reference is the 73.3M recomputed from diffusers (fixtures/paper).
      const reference: number = row.paperParamsM ?? (row.model === 'wan-2.1' ? 73.3 : NaN);
      expect(Math.abs(row.params / 1e6 - reference) / reference).toBeLessThan(0.005);
    }
    const h = doc.results.find((row: { model: string }) => row.model === 'hunyuanvideo');
    expect(h).toMatchObject({ paperParamsM: 146.1, latentFrames: 5, outputFrames: 17, compression: [4, 8, 8], latentChannels: 16, paperMacsT: 38.97 });
  }, 60_000);

  it('list at another size gives no paper MACs and the frames of that latent count', () => {
    const r = run(['zoo', 'list', '--json', '--height', '256', '--width', '384', '--latent-frames', '2']);
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout).results;
    expect(rows.find((x: { model: string }) => x.model === 'turbo-vaed-ltx')).toMatchObject({ outputFrames: 9, height: 256, width: 384, paperMacsT: null });
    expect(rows.find((x: { model: string }) => x.model === 'turbo-vaed-dc')).toMatchObject({ outputFrames: 8 });
  }, 60_000);

  it('build writes a .onnx that onnxruntime runs with the documented shapes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zoo-build-'));
    try {
      const out = join(dir, 'turbo.onnx');
      const r = run(['zoo', 'build', 'turbo-vaed-hunyuan', '--out', out, '--height', '32', '--width', '32', '--latent-frames', '2', '--width-mult', '0.0625', '--seed', '3', '--json']);
      expect(r.status).toBe(0);
      const summary = JSON.parse(r.stdout);
      expect(summary).toMatchObject({ model: 'turbo-vaed-hunyuan', input: { name: 'latent', shape: [1, 16, 2, 4, 4] }, output: { name: 'video', shape: [1, 3, 5, 32, 32] } });
      // the session options evalkit runs this decoder with, so a user of the file can run it alike
      expect(summary.session).toEqual(zooSessionChoice('turbo-vaed-hunyuan'));
      expect(readdirSync(dir)).toEqual(['turbo.onnx']);
      // a separate node process runs the session (jest's VM realm and onnxruntime-node disagree on typed arrays)
      const script = `const ort = require('onnxruntime-node');
        ort.InferenceSession.create(process.argv[1], { logSeverityLevel: 3 })
          .then((s) => s.run({ latent: new ort.Tensor('float32', new Float32Array(16 * 2 * 4 * 4).fill(0.5), [1, 16, 2, 4, 4]) }))
          .then((r) => console.log(JSON.stringify({ dims: r.video.dims, finite: r.video.data.every(Number.isFinite) })));`;
      const session = spawnSync(process.execPath, ['-e', script, out], { encoding: 'utf8', timeout: 60_000 });
      expect(session.status).toBe(0);
      expect(JSON.parse(session.stdout)).toEqual({ dims: [1, 3, 5, 32, 32], finite: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('build refuses an unknown decoder and a size that does not divide, writing nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zoo-build-'));
    try {
      const bad = run(['zoo', 'build', 'no-such-vae', '--out', join(dir, 'x.onnx')]);
      // Bad argument values are usage errors: exit 2.
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/EVK_INVALID_ARGUMENT.*"no-such-vae".*turbo-vaed-hunyuan/);
      const size = run(['zoo', 'build', 'turbo-vaed-ltx', '--out', join(dir, 'y.onnx'), '--height', '100']);
      expect(size.status).toBe(2);
      expect(size.stderr).toMatch(/field "height", value 100/);
      expect(existsSync(join(dir, 'x.onnx')) || existsSync(join(dir, 'y.onnx'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
