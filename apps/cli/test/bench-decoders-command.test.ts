import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readResultDocument } from '@evalkit/core';

const bin = resolve(__dirname, '../bin/evalkit.js');
const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 180_000 });

describe('evalkit bench decoders', () => {
  it('times a Turbo/baseline pair in child processes and writes a decoder-bench document with the speedup and the paper\'s', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'evk-bench-dec-')), 'bench.json');
    const r = run(['bench', 'decoders', '--models', 'turbo-vaed-hunyuan,hunyuanvideo', '--height', '32', '--width', '32', '--frames', '5', '--width-mult', '0.0625', '--runs', '2', '--warmup', '0', '--no-ceiling', '--out', out]);
    expect(r.status).toBe(0);
    const doc = readResultDocument(out);
    expect(doc.schema).toBe('evalkit/decoder-bench@1');
    expect(doc.results).toHaveLength(2);
    for (const row of doc.results as Record<string, number>[]) {
      for (const k of ['meanMs', 'medianMs', 'p99Ms', 'sdMs', 'minMs', 'fps', 'peakRssBytes', 'params', 'macs', 'gflops']) expect(Number.isFinite(row[k])).toBe(true);
      expect(row.outputFrames).toBe(5);
      expect(row.latentFrames).toBe(2);
      expect(row.runs).toBe(2);
      expect(row.fps).toBeCloseTo(5 / (row.medianMs / 1000), 6);
      expect(row.gflops).toBeCloseTo((2 * row.macs) / (row.medianMs / 1000) / 1e9, 6);
      expect(row.peakRssBytes).toBeGreaterThan(50 * 2 ** 20);
      expect(row.ceilingFraction).toBeNull();
    }
    const [turbo, base] = doc.results as Record<string, number>[];
    const pair = (doc.summary as { pairs: { speedup: number; paperGpuSpeedup: number }[] }).pairs[0];
    expect(pair).toMatchObject({ baseline: 'hunyuanvideo', turbo: 'turbo-vaed-hunyuan' });
    expect(pair.speedup).toBeCloseTo(base.medianMs / turbo.medianMs, 6);
    expect(pair.paperGpuSpeedup).toBeCloseTo(87.5 / 10.1, 6);
    expect(r.stdout).toMatch(/hunyuanvideo\s+turbo-vaed-hunyuan\s+[\d.]+x\s+8\.66x/);
  }, 180_000);

  it('rejects an unknown model with the list of zoo decoders', () => {
    const r = run(['bench', 'decoders', '--models', 'turbo-vaed-hunyuan,sd-vae']);
    expect(r.status).toBe(2); // a bad flag value: usage error
    expect(r.stderr).toMatch(/field "--models", value "sd-vae": unknown zoo decoder; the zoo has/);
  });
});
