import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readNpyFile } from '@evalkit/media-io';
import { runEvalkit } from './support/evalkit-command';

// Fixtures written by tools/reference-decoders/make_fixtures.py from the public hustvl/Turbo-VAED code.
const fixtures = resolve(__dirname, '../../../fixtures/reference-decoders');
const run = (args: string[]) => runEvalkit(args, { timeout: 120_000 });
const dir = mkdtempSync(join(tmpdir(), 'evk-decode-weights-'));

describe('evalkit decode --weights', () => {
  it.each(['turbo-vaed-hunyuan', 'wan-2.1'])('%s: --format npy writes the raw output, within 1e-4 of the reference PyTorch decoder', (name) => {
    const out = join(dir, name);
    const r = run(['decode', '--model', `zoo:${name}`, '--weights', join(fixtures, name, 'weights.safetensors'), '--latents', join(fixtures, name, 'latents.npy'), '--out', out, '--format', 'npy']);
    expect(r.status).toBe(0);
    const video = readNpyFile(join(out, 'video.npy'));
    const reference = readNpyFile(join(fixtures, name, 'reference.npy'));
    expect(video.shape).toEqual(reference.shape);
    let max = 0;
    for (let i = 0; i < video.data.length; i++) max = Math.max(max, Math.abs(Number(video.data[i]) - Number(reference.data[i])));
    expect(max).toBeLessThanOrEqual(1e-4);
  });

  it('notes the training-only tensors it skips', () => {
    const r = run(['decode', '--model', 'zoo:turbo-vaed-dc', '--weights', join(fixtures, 'turbo-vaed-dc', 'weights.safetensors'), '--latents', join(fixtures, 'turbo-vaed-dc', 'latents.npy'), '--out', join(dir, 'dc'), '--format', 'npy']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/note: skipped 12 training-only tensor\(s\) \(not used to decode\): aligned_feature_projection_heads\.0\.0\.conv\.weight/);
  });

  it("refuses another model's checkpoint with every mismatch listed, writing nothing (exit 1)", () => {
    const weights = join(dir, 'cog.safetensors');
    copyFileSync(join(fixtures, 'cogvideox', 'weights.safetensors'), weights);
    const out = join(dir, 'wrong');
    const r = run(['decode', '--model', 'zoo:hunyuanvideo', '--weights', weights, '--latents', join(fixtures, 'hunyuanvideo', 'latents.npy'), '--out', out, '--format', 'npy']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/does not match zoo:hunyuanvideo/);
    expect(r.stderr).toMatch(/Missing key\(s\) \(\d+\): .*decoder\.mid_block\.attentions\.0\.to_q\.weight/);
    expect(r.stderr).toMatch(/Unexpected key\(s\) \(\d+\): .*norm1\.conv_y\.conv\.weight/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });
});
