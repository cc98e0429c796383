import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const bin = resolve(__dirname, '../bin/evalkit.js');
const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000 });

describe('evalkit bench kernels', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evalkit-bench-kernels-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('times variants 1 and 6 on a given shape and writes a kernel-bench document with checks and ceilings', () => {
    const out = join(dir, 'k.json');
    const r = run(['bench', 'kernels', '--variants', '1,6', '--shape', '4,2,4,6', '--time-budget', '5', '--min-samples', '3', '--threads', '1', '--out', out]);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/ceilings \(this run, this device\): memcpy [\d.]+ GB\/s/);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.schema).toBe('evalkit/kernel-bench@1');
    expect(doc.config).toMatchObject({ preset: 'custom', variants: ['1', '6'], threads: 1, timeBudgetMs: 5 });
    expect(doc.manifest.device.executionProvider).toBe('cpu');
    expect(doc.summary.ceilings.memcpyGBps).toBeGreaterThan(0);
    expect(doc.summary.ceilings.matmulGflops).toBeGreaterThan(0);
    // variant 1 and 6 each: onnx full, onnx rearrange, ts rearrange
    expect(doc.results.map((x: { variant: string; implementation: string; part: string }) => `${x.variant}:${x.implementation}/${x.part}`)).toEqual([
      '1:onnx/full',
      '1:onnx/rearrange',
      '1:ts/rearrange',
      '6:onnx/full',
      '6:onnx/rearrange',
      '6:ts/rearrange',
    ]);
    for (const row of doc.results) {
      expect(row).toMatchObject({ state: 'completed', shape: { n: 1, c: 4, t: 2, h: 4, w: 6 }, shapeLabel: '4x2x4x6' });
      expect(row.samples).toBeGreaterThanOrEqual(3);
      for (const f of ['meanMs', 'medianMs', 'p99Ms', 'sdMs', 'rme', 'bytes', 'macs', 'gbps', 'gflops', 'fractionOfMemcpy', 'fractionOfMatmul']) expect(typeof row[f]).toBe('number');
      expect(row.checks.length).toBeGreaterThan(0);
    }
    // same MACs for both full paths (a 4->32 conv at T*H*W positions vs a 4->4 conv at 8x as many)
    expect(doc.results[0].macs).toBe(doc.results[3].macs);
    expect(doc.results[0].speedupVsVariant1).toBe(1);
  }, 120_000);

  it('rejects a malformed --shape with a clear error and writes nothing', () => {
    const out = join(dir, 'bad.json');
    const r = run(['bench', 'kernels', '--shape', '4,2,x,6', '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/EVK_INVALID_ARGUMENT.*--shape.*"4,2,x,6"/);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 on an unknown variant', () => {
    const r = run(['bench', 'kernels', '--variants', '1,9']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown variant "9"/);
  });
});
