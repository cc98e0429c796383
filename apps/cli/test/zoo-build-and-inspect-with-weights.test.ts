import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readNpyFile } from '@evalkit/media-io';
import { runEvalkit } from './support/evalkit-command';

// Fixtures written by tools/reference-decoders/make_fixtures.py from the public hustvl/Turbo-VAED code.
const fixtures = resolve(__dirname, '../../../fixtures/reference-decoders');
const run = (args: string[]) => runEvalkit(args, { timeout: 120_000 });
const dir = mkdtempSync(join(tmpdir(), 'evk-zoo-weights-'));
const name = 'hunyuanvideo';
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

describe('evalkit zoo build --weights and zoo inspect', () => {
  it('exports the checkpoint as .onnx (fp32 and fp16 weights) that decode reproduces the reference with', () => {
    const reference = readNpyFile(join(fixtures, name, 'reference.npy'));
    const [, , frames, height, width] = reference.shape;
    expect(frames).toBe(9);
    const diffs: number[] = [];
    for (const fp16 of [false, true]) {
      const onnx = join(dir, fp16 ? 'h16.onnx' : 'h32.onnx');
      const built = run(['zoo', 'build', name, '--weights', join(fixtures, name, 'weights.safetensors'), '--out', onnx, '--height', String(height), '--width', String(width), '--latent-frames', '3', ...(fp16 ? ['--fp16'] : [])]);
      expect(built.status).toBe(0);
      const out = join(dir, fp16 ? 'd16' : 'd32');
      const decoded = run(['decode', '--model', onnx, '--latents', join(fixtures, name, 'latents.npy'), '--out', out, '--format', 'npy']);
      expect(decoded.status).toBe(0);
      diffs.push(maxDiff(readNpyFile(join(out, 'video.npy')).data as Float32Array, reference.data as Float32Array));
    }
    expect(diffs[0]).toBeLessThanOrEqual(1e-4);
    expect(diffs[1]).toBeLessThanOrEqual(1e-2); // float16 weights: 3.3e-3 measured (see decoder-zoo's fp16 test)
    expect(statSync(join(dir, 'h16.onnx')).size).toBeLessThan(0.6 * statSync(join(dir, 'h32.onnx')).size);
  });

  it('inspect lists the tensors and says whether they fit a zoo decoder (exit 1 when not)', () => {
    const fits = run(['zoo', 'inspect', join(fixtures, name, 'weights.safetensors'), '--model', name]);
    expect(fits.status).toBe(0);
    expect(fits.stdout).toMatch(/encoder\.\*\s+\d+ tensors/);
    expect(fits.stdout).toMatch(/zoo:hunyuanvideo: fits \(\d+ tensors loaded/);
    expect(fits.stdout).toMatch(/ignored \d+ tensor\(s\) the decoder does not use/);
    const wrong = run(['zoo', 'inspect', join(fixtures, 'cogvideox', 'weights.safetensors'), '--model', name, '--config', join(fixtures, name, 'config.json')]);
    expect(wrong.status).toBe(1);
    expect(wrong.stdout).toMatch(/zoo:hunyuanvideo: does NOT fit/);
    expect(wrong.stdout).toMatch(/missing \(\d+\): .*post_quant_conv\.weight/);
  });
});
