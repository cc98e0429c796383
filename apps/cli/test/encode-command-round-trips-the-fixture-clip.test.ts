import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLatents } from '@evalkit/decoder-runtime';
import sharp from 'sharp';
import { runEvalkit } from './support/evalkit-command';

const run = (args: string[]) => runEvalkit(args, { timeout: 120_000 });
const dir = mkdtempSync(join(tmpdir(), 'evk-encode-cli-'));

describe('evalkit encode', () => {
  it('encodes the fixture clip to 1x16x5x16x16 float32 .npy latents (whitened: std 1), reporting the 24.9 dB round trip', () => {
    const out = join(dir, 'z.npy');
    const r = run(['encode', '--out', out, '--json']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe('evalkit/encode@1');
    expect(doc.results[0].latentShape).toEqual([1, 16, 5, 16, 16]);
    expect(doc.results[0].roundTripPsnrDb).toBeGreaterThan(24.5);
    // The header as NumPy writes it (the reader is checked against NumPy's files in decoder-runtime).
    const bytes = readFileSync(out);
    expect(bytes.subarray(10, 10 + bytes.readUInt16LE(8)).toString('latin1')).toMatch(/^\{'descr': '<f4', 'fortran_order': False, 'shape': \(1, 16, 5, 16, 16\), \}/);
    const { data, shape } = readLatents(out);
    expect(shape).toEqual([1, 16, 5, 16, 16]);
    const mean = data.reduce((s, v) => s + v, 0) / data.length;
    const std = Math.sqrt(data.reduce((s, v) => s + (v - mean) ** 2, 0) / data.length);
    expect(std).toBeCloseTo(1, 2);
  }, 60_000);

  it('rejects a clip whose frame count breaks the 4T-3 rule, naming the field and value', async () => {
    const r = run(['encode', '--clip', join(dir, 'missing'), '--out', join(dir, 'x.npy')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/missing: no such clip/);
    const frames = join(dir, 'six');
    mkdirSync(frames);
    for (let i = 0; i < 6; i++) await sharp(Buffer.alloc(16 * 16 * 3), { raw: { width: 16, height: 16, channels: 3 } }).png().toFile(join(frames, `f${i}.png`));
    const r2 = run(['encode', '--clip', frames, '--out', join(dir, 'y.npy')]);
    expect(r2.status).toBe(1);
    expect(r2.stderr).toMatch(/field "frames", value 6: the codec's 4T-3 rule needs 1, 5, 9, 13, 17, \.\.\. frames; got 6/);
  }, 60_000);
});
