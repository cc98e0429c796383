import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '@evalkit/core';
import { writeNpyFile } from '@evalkit/media-io';
import { runEvalkit } from './support/evalkit-command';

const run = (args: string[]) => runEvalkit(args, { timeout: 120_000 });

/** Seeded uniform [0, 1) samples from core's one generator (the values only need to differ). */
const noise = (n: number, seed: number): Float32Array => Float32Array.from({ length: n }, mulberry32(seed));

describe('limits and non-finite inputs', () => {
  jest.setTimeout(120_000);
  let dir: string;
  const shape = [3, 16, 16, 3];
  const n = 3 * 16 * 16 * 3;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'evalkit-limits-'));
    const ref = noise(n, 1);
    writeNpyFile(join(dir, 'ref.npy'), { data: ref, shape });
    const test = ref.map((v, i) => Math.min(1, v + (i % 7) * 0.01));
    writeNpyFile(join(dir, 'test.npy'), { data: test, shape });
    const nan = Float32Array.from(test);
    nan[((1 * 16 + 2) * 16 + 3) * 3 + 1] = NaN; // [t, y, x, c] = [1, 2, 3, 1]
    writeNpyFile(join(dir, 'nan.npy'), { data: nan, shape });
    const inf = Float32Array.from(test);
    inf[((2 * 16 + 0) * 16 + 5) * 3 + 0] = -Infinity;
    writeNpyFile(join(dir, 'inf.npy'), { data: inf, shape });
    writeNpyFile(join(dir, 'u8.npy'), { data: Uint8Array.from(test, (v) => Math.round(v * 255)), shape });
    const z = new Float32Array(16 * 2 * 2 * 2);
    z[((3 * 2 + 1) * 2 + 0) * 2 + 1] = NaN; // [0, 3, 1, 0, 1]
    writeNpyFile(join(dir, 'z-nan.npy'), { data: z, shape: [1, 16, 2, 2, 2] });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('one NaN pixel in a float .npy is an error naming the file and its first position, not a NaN mean', () => {
    const r = run(['metrics', '--ref', join(dir, 'ref.npy'), '--test', join(dir, 'nan.npy'), '--data-range', '1', '--metrics', 'psnr,ssim,flicker']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`evalkit: error [EVK_INVALID_INPUT] ${join(dir, 'nan.npy')}, field "[1, 2, 3, 1]", value "NaN": non-finite sample NaN at [t, y, x, c] = [1, 2, 3, 1]`);
    const inf = run(['metrics', '--ref', join(dir, 'inf.npy'), '--test', join(dir, 'test.npy'), '--data-range', '1']);
    expect(inf.status).toBe(1);
    expect(inf.stderr).toContain(`${join(dir, 'inf.npy')}, field "[2, 0, 5, 0]", value "-Infinity"`);
  });

  it('--allow-nonfinite keeps them and counts them in the document', () => {
    const out = join(dir, 'kept.json');
    const r = run(['metrics', '--ref', join(dir, 'ref.npy'), '--test', join(dir, 'nan.npy'), '--data-range', '1', '--allow-nonfinite', '--out', out]);
    expect(r.status).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.config).toMatchObject({ allowNonfinite: true, nonFiniteSamples: 1 });
  });

  it('uint8 against float arrays is refused with both types, whatever --data-range says', () => {
    const r = run(['metrics', '--ref', join(dir, 'ref.npy'), '--test', join(dir, 'u8.npy'), '--data-range', '1']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/EVK_MISMATCH\] .*u8\.npy, field "dtype", value "float32 vs uint8": reference .*ref\.npy holds float32 samples but test .*u8\.npy holds uint8/);
  });

  it('NaN latents are refused naming the file and position, and nothing is written', () => {
    const out = join(dir, 'decoded');
    const r = run(['decode', '--latents', join(dir, 'z-nan.npy'), '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${join(dir, 'z-nan.npy')}, field "[0, 3, 1, 0, 1]", value "NaN": non-finite latent NaN at [n, c, t, y, x] = [0, 3, 1, 0, 1]`);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('float samples spanning more than --data-range are warned about with their extent and the range, and the run goes on', () => {
    const bytes = join(dir, 'bytes.npy');
    writeNpyFile(bytes, { data: noise(n, 1).map((v) => v * 255), shape });
    const r = run(['metrics', '--ref', bytes, '--test', bytes, '--data-range', '1', '--metrics', 'psnr', '--json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`evalkit: warning: ${bytes.replace(/[.]/g, '\\.')} holds samples from [0-9.e-]+ to 25[0-9.]+ \\(span 25[0-9.]+\\), more than --data-range 1: PSNR and SSIM assume`));
    expect(r.stderr.match(/warning/g)).toHaveLength(1); // the same file as reference and test: one warning, no scale mismatch
    // 0-1 reference against the 0-255 test: warned about with both extents, even under --data-range 255.
    const scales = run(['metrics', '--ref', join(dir, 'ref.npy'), '--test', bytes, '--data-range', '255', '--metrics', 'psnr', '--json']);
    expect(scales.status).toBe(0);
    expect(scales.stderr).toMatch(new RegExp(`warning: reference ${join(dir, 'ref.npy').replace(/[.]/g, '\\.')} spans [0-9.e-]+ to 0\\.99[0-9]* but test ${bytes.replace(/[.]/g, '\\.')} spans [0-9.e-]+ to 25[0-9.]+: 2[0-9.]+ times apart`));
    const fine = run(['metrics', '--ref', join(dir, 'ref.npy'), '--test', join(dir, 'test.npy'), '--data-range', '1', '--metrics', 'psnr', '--json']);
    expect(fine.status).toBe(0);
    expect(fine.stderr).not.toContain('warning');
  });

  it('metrics --threads far above the cores is lowered to the cores with a note, and finishes', () => {
    const r = run(['metrics', '--ref', join(dir, 'ref.npy'), '--test', join(dir, 'test.npy'), '--data-range', '1', '--threads', '100000', '--json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`--threads 100000 lowered to ${availableParallelism()}`);
    expect(JSON.parse(r.stdout).config.threads).toBe(availableParallelism());
  });

  it('decode --threads far above the cores is lowered too, and finishes', () => {
    const out = join(dir, 'threads');
    const r = run(['decode', '--latents', 'random', '--height', '16', '--width', '16', '--latent-frames', '1', '--threads', '100000', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`--threads 100000 lowered to ${availableParallelism()}`);
    expect(JSON.parse(readFileSync(join(out, 'decode.json'), 'utf8')).config.threads).toBe(availableParallelism());
  });

  it('bench kernels --threads far above the cores is lowered to the cores with a note, and the document records the cores', () => {
    const out = join(dir, 'kernels.json');
    const r = run(['bench', 'kernels', '--variants', '1', '--shape', '2,1,4,4', '--time-budget', '5', '--min-samples', '3', '--max-runs', '3', '--threads', '100000', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`--threads 100000 lowered to ${availableParallelism()}`);
    expect(JSON.parse(readFileSync(out, 'utf8')).config.threads).toBe(availableParallelism());
  });

  it('bench decoders --threads far above the cores is lowered too', () => {
    const r = run(['bench', 'decoders', '--models', 'turbo-vaed-ltx', '--height', '32', '--width', '32', '--latent-frames', '1', '--width-mult', '0.0625', '--no-ceiling', '--min-runs', '2', '--max-runs', '2', '--warmup', '0', '--threads', '100000', '--json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`--threads 100000 lowered to ${availableParallelism()}`);
    expect(JSON.parse(r.stdout).config.threads).toBe(availableParallelism());
  });

  it('a repro profile asking for sizes above the commands\' limits is refused naming the field (exit 1), and nothing runs', () => {
    const profile = join(dir, 'huge-profile.json');
    writeFileSync(profile, JSON.stringify({ decoders: { frames: 1e9 } }));
    const r = run(['repro', '--profile', profile, '--out', join(dir, 'never')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${profile}, field "decoders.frames", value 1000000000: invalid profile`);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it.each([
    [['zoo', 'list', '--height', '65536', '--width', '65536'], /--height.*65536 pixels is above the limit of 16384/],
    [['zoo', 'list', '--height', '1e9'], /--height.*1000000000 pixels is above the limit of 16384/],
    [['zoo', 'list', '--latent-frames', '100000'], /--latent-frames.*above the limit of 1024/],
    [['decode', '--height', '65536', '--out', 'x'], /--height.*above the limit of 16384/],
    [['bench', 'decoders', '--frames', '1000000000'], /--frames.*1000000000 output frames is above the limit of 4093/],
    [['bench', 'serve', '--out', 'x', '--width', '65536'], /--width.*above the limit of 16384/],
  ])('%j is refused at once, naming the limit (exit 2)', (args, message) => {
    const r = run(args as string[]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message as RegExp);
  });
});
