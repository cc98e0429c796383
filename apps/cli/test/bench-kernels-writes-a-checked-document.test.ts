import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { useScratchDir } from '@evalkit/test-harness';
import { median, runEvalkit } from './support/evalkit-command';

const run = (args: string[]) => runEvalkit(args, { timeout: 120_000 });

describe('evalkit bench kernels', () => {
  const scratch = useScratchDir('evalkit-bench-kernels-');

  it('times variants 1 and 6 on a given shape and writes a kernel-bench document with checks, intervals and ceilings that hold', () => {
    const out = join(scratch.path, 'k.json');
    const r = run(['bench', 'kernels', '--variants', '1,6', '--shape', '4,2,4,6', '--time-budget', '5', '--min-samples', '3', '--threads', '1', '--out', out]);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/memory ceiling: STREAM copy [\d.]+ GB\/s, triad [\d.]+ GB\/s/);
    expect(r.stdout).toMatch(/compute ceiling: best measured GEMM [\d.]+ GFLOP\/s/);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.schema).toBe('evalkit/kernel-bench@1');
    expect(doc.config).toMatchObject({ preset: 'custom', variants: ['1', '6'], threads: 1, timeBudgetMs: 5, minSamples: 3 });
    expect(doc.manifest.device.executionProvider).toBe('cpu');
    // variant 1 and 6 each: onnx full, onnx rearrange, ts rearrange
    expect(doc.results.map((x: { variant: string; implementation: string; part: string }) => `${x.variant}:${x.implementation}/${x.part}`)).toEqual([
      '1:onnx/full',
      '1:onnx/rearrange',
      '1:ts/rearrange',
      '6:onnx/full',
      '6:onnx/rearrange',
      '6:ts/rearrange',
    ]);
    const c = doc.summary.ceilings;
    for (const row of doc.results) {
      expect(row).toMatchObject({ state: 'completed', shape: { n: 1, c: 4, t: 2, h: 4, w: 6 }, shapeLabel: '4x2x4x6' });
      expect(row.samples).toBeGreaterThanOrEqual(3);
      expect(row.samplesMs).toHaveLength(row.samples);
      for (const f of ['meanMs', 'medianMs', 'p99Ms', 'sdMs', 'cv', 'gbps', 'gflops', 'fractionOfMemcpy', 'fractionOfMatmul']) {
        if (!Number.isFinite(row[f])) throw new Error(`${row.variant} ${row.implementation}/${row.part}: ${f} is ${row[f]}`);
      }
      // The median by definition, computed here from the raw samples.
      expect(row.medianMs).toBe(median(row.samplesMs));
      expect(row.medianCi95Ms[0]).toBeLessThanOrEqual(row.medianMs);
      expect(row.medianCi95Ms[1]).toBeGreaterThanOrEqual(row.medianMs);
      // Ceilings hold: no row is above the ceiling it is reported against, no fraction above 100%.
      expect(row.gflops).toBeLessThanOrEqual(c.matmulGflops * (1 + 1e-12));
      expect(row.gbps).toBeLessThanOrEqual(c.memcpyGBps * (1 + 1e-12));
      expect(row.fractionOfMatmul).toBeLessThanOrEqual(1);
      expect(row.fractionOfMemcpy).toBeLessThanOrEqual(1);
      expect(row.checks.length).toBeGreaterThan(0);
    }
    // The ceiling is the best measured GEMM over its sizes unless a row raised it.
    expect(c.measuredMatmulGflops).toBe(Math.max(...c.gemm.perSize));
    expect(c.compute.raisedBy.length === 0 ? c.matmulGflops === c.measuredMatmulGflops : c.matmulGflops > c.measuredMatmulGflops).toBe(true);
    // The theoretical peak's formula multiplies out to its value.
    if (c.theoretical) {
      const t = c.theoretical.inputs;
      expect(c.theoretical.gflops).toBeCloseTo(t.cores * t.fmaUnitsPerCore * t.fp32LanesPerUnit * 2 * t.ghz, 9);
    }
    // Hand-derived costs: variant 1 convolves the 4x4x8x12 upsampled tensor (4*27 MACs per output value:
    // 1536 * 108 = 165,888); variant 6 convolves 4 -> 32 channels at the 2x4x6 input positions (48 * 32 * 108 =
    // 165,888). The rearrangements move 192 -> 1536 floats (variant 1) and 1536 -> 1536 (variant 6).
    expect(doc.results[0].macs).toBe(165_888);
    expect(doc.results[3].macs).toBe(165_888);
    expect(doc.results[1].bytes).toBe((192 + 1536) * 4);
    expect(doc.results[4].bytes).toBe((1536 + 1536) * 4);
    // GFLOP/s from the hand-derived MACs and the median of the raw samples.
    expect(doc.results[0].gflops).toBeCloseTo((2 * 165_888) / (median(doc.results[0].samplesMs) / 1000) / 1e9, 9);
    // Variant 6 over variant 1: the ratio of the two medians, inside the range of sample ratios, with an interval around it.
    const v1 = doc.results[0].samplesMs;
    const v6 = doc.results[3].samplesMs;
    expect(doc.results[3].speedupVsVariant1).toBeCloseTo(median(v1) / median(v6), 12);
    const [lo, hi] = doc.results[3].speedupVsVariant1Ci95;
    expect(lo).toBeGreaterThanOrEqual(Math.min(...v1) / Math.max(...v6) - 1e-12);
    expect(hi).toBeLessThanOrEqual(Math.max(...v1) / Math.min(...v6) + 1e-12);
    expect(lo).toBeLessThanOrEqual(doc.results[3].speedupVsVariant1);
    expect(hi).toBeGreaterThanOrEqual(doc.results[3].speedupVsVariant1);
  }, 120_000);

  it('rejects a malformed --shape with a clear error and writes nothing', () => {
    const out = join(scratch.path, 'bad.json');
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
