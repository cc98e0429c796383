import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readTensorFile } from '@evalkit/media-io';
import { assertAllClose, useScratchDir } from '@evalkit/test-harness';
import { runEvalkit } from './support/evalkit-command';

const run = (args: string[]) => runEvalkit(args, { timeout: 120_000 });

describe('evalkit zoo build --dynamic-shape', () => {
  const scratch = useScratchDir('evk-zoo-dyn-');

  it('writes one file that decodes a latent size it was not built at like the zoo graph built at that size', () => {
    const file = join(scratch.path, 'turbo-any.onnx');
    const b = run(['zoo', 'build', 'turbo-vaed-hunyuan', '--width-mult', '0.0625', '--seed', '3', '--height', '32', '--width', '32', '--latent-frames', '2', '--dynamic-shape', '--out', file]);
    expect(b.status).toBe(0);
    expect(b.stdout).toContain('input  latent [1, 16, latent_frames, latent_height, latent_width]');
    expect(b.stdout).toContain('output video [1, 3, frames, height, width]');
    // 3 latent frames of 5x3 -> 9 frames of 40x24, decoded by the file and by a zoo graph built at that size (same seed: same weights and latents).
    const size = ['--height', '40', '--width', '24', '--latent-frames', '3', '--seed', '3', '--format', 'npy', '--threads', '1'];
    const viaFile = run(['decode', '--model', file, ...size, '--out', join(scratch.path, 'file')]);
    expect(viaFile.stderr).not.toMatch(/EVK_/);
    expect(viaFile.status).toBe(0);
    const viaZoo = run(['decode', '--model', 'zoo:turbo-vaed-hunyuan', '--width-mult', '0.0625', ...size, '--out', join(scratch.path, 'zoo')]);
    expect(viaZoo.status).toBe(0);
    const got = readTensorFile(join(scratch.path, 'file', 'video.npy'));
    const want = readTensorFile(join(scratch.path, 'zoo', 'video.npy'));
    expect(got.shape).toEqual([1, 3, 9, 40, 24]);
    expect(want.shape).toEqual([1, 3, 9, 40, 24]);
    assertAllClose(got.data, want.data, { atol: 1e-5, rtol: 1e-5 }, 'video');
  }, 120_000);

  it.each(['turbo-vaed-hunyuan', 'hunyuanvideo'])('%s with a checkpoint, built at 8x8 pixels, decodes the reference latents within 1e-4 of the reference PyTorch decoder', (name) => {
    // Fixtures written by tools/reference-decoders/make_fixtures.py from the public hustvl/Turbo-VAED code.
    const fixtures = resolve(__dirname, '../../../fixtures/reference-decoders', name);
    const file = join(scratch.path, `${name}-real-any.onnx`);
    const b = run(['zoo', 'build', name, '--weights', join(fixtures, 'weights.safetensors'), '--height', '8', '--width', '8', '--latent-frames', '2', '--dynamic-shape', '--out', file]);
    expect(b.status).toBe(0);
    const out = join(scratch.path, `${name}-ref`);
    const d = run(['decode', '--model', file, '--latents', join(fixtures, 'latents.npy'), '--format', 'npy', '--out', out]);
    expect(d.stderr).not.toMatch(/EVK_/);
    const video = readTensorFile(join(out, 'video.npy'));
    const reference = readTensorFile(join(fixtures, 'reference.npy'));
    expect(video.shape).toEqual(reference.shape);
    assertAllClose(video.data, reference.data, { atol: 1e-4, rtol: 0 }, name);
  }, 120_000);

  it('refuses CogVideoX, whose graph changes with the latent size (exit 1, nothing written)', () => {
    const file = join(scratch.path, 'cog.onnx');
    const r = run(['zoo', 'build', 'cogvideox', '--width-mult', '0.0625', '--height', '32', '--width', '32', '--latent-frames', '2', '--dynamic-shape', '--out', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/\[EVK_UNSUPPORTED\] field "--dynamic-shape", value "cogvideox": CogVideoX: .*its structure changes with the latent size; export it at fixed sizes/);
    expect(existsSync(file)).toBe(false);
  });
});
