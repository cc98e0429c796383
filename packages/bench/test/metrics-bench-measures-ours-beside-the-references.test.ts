import { requireSystemTool } from '@evalkit/test-harness';
import { referencePython, runMetricsBench, type MetricsBenchRow } from '../src';
import { type MetricsBenchOptions } from '../src/metrics/run-metrics-bench';

// Tiny sizes and a few runs: these tests check what the benchmark reports, never how fast anything is.
const base: MetricsBenchOptions = {
  width: 192,
  height: 176,
  frames: 3,
  threads: 2,
  sampling: { minRuns: 2, maxRuns: 2, maxTimeMs: 10_000, warmup: 0 },
  referenceRuns: 2,
  seed: 3,
  python: null,
  ssimJs: true,
};

type Completed = Extract<MetricsBenchRow, { state: 'completed' }>;
const find = (rows: MetricsBenchRow[], task: string, implementation: string, threads = 1) => rows.find((r) => r.task === task && r.implementation === implementation && r.threads === threads);

describe('bench metrics', () => {
  jest.setTimeout(120_000);

  it('times every evalkit row on 1 and 2 threads, ssim.js on luma, and gives each ratio an interval around it', async () => {
    const out = await runMetricsBench(base);
    for (const [task, threads] of [['ssim', 1], ['ssim', 2], ['ms-ssim', 1], ['ms-ssim', 2], ['psnr', 1], ['flicker', 1], ['ssim-luma', 1]] as const) {
      const row = find(out.rows, task, 'evalkit', threads) as Completed;
      expect([task, threads, row?.state]).toEqual([task, threads, 'completed']);
      expect(row.samplesMs).toHaveLength(2);
      expect(row.gbps).toBeGreaterThan(0);
    }
    // one and two threads compute the same value (strip sums are added in a fixed order)
    expect((find(out.rows, 'ssim', 'evalkit', 2) as Completed).value).toBe((find(out.rows, 'ssim', 'evalkit', 1) as Completed).value);
    expect(find(out.rows, 'ssim-luma', 'ssim.js')?.state).toBe('completed');
    expect(out.ratios.map((r) => r.label)).toEqual(['SSIM, evalkit 1 thread / 2 threads', 'SSIM of luma, ssim.js / evalkit (1 thread each, 2 interleaved rounds)']);
    for (const r of out.ratios) expect(r.ci95[0] <= r.value && r.value <= r.ci95[1]).toBe(true);
    expect(find(out.rows, 'ssim', 'scikit-image')).toMatchObject({ state: 'skipped', reason: 'left out (--no-skimage)' });
    expect(out.ceilings.stream.copyGBps).toBeGreaterThan(0);
  });

  it('skips MS-SSIM on frames smaller than its five scales need, and ssim.js when left out', async () => {
    const out = await runMetricsBench({ ...base, width: 64, height: 48, threads: 1, ssimJs: false });
    expect(find(out.rows, 'ms-ssim', 'evalkit')).toMatchObject({ state: 'skipped', reason: 'frames under 176x176' });
    expect(find(out.rows, 'ssim-luma', 'ssim.js')).toMatchObject({ state: 'skipped' });
    expect(out.ratios).toEqual([]);
  });

  it('records a missing interpreter as skipped scikit-image rows with its reason, not a failed run', async () => {
    const out = await runMetricsBench({ ...base, width: 32, height: 32, frames: 1, threads: 1, ssimJs: false, python: '/nonexistent/python3' });
    expect(find(out.rows, 'ssim', 'scikit-image')).toMatchObject({ state: 'skipped' });
    expect((find(out.rows, 'psnr', 'scikit-image') as { reason: string }).reason).toMatch(/nonexistent/);
  });
});

const skimage = requireSystemTool('python3-skimage');
skimage.describe('bench metrics against scikit-image', () => {
  jest.setTimeout(120_000);

  it("reports scikit-image's SSIM and PSNR of the same clip equal to evalkit's within 1e-6, and their speed ratios", async () => {
    const out = await runMetricsBench({ ...base, threads: 1, ssimJs: false, python: skimage.paths['python3-skimage'] ?? referencePython() });
    for (const task of ['ssim', 'psnr']) {
      const theirs = find(out.rows, task, 'scikit-image') as Completed;
      const ours = find(out.rows, task, 'evalkit') as Completed;
      expect(theirs.state).toBe('completed');
      expect(Math.abs(theirs.value - ours.value)).toBeLessThan(1e-6);
    }
    expect(out.skimageVersion).toMatch(/^\d+\.\d+/);
    expect(out.ratios.map((r) => r.label)).toEqual(['PSNR, scikit-image / evalkit (1 thread each, 2 interleaved rounds)', 'SSIM, scikit-image / evalkit (1 thread each, 2 interleaved rounds)']);
    for (const r of out.ratios) expect(r.ci95[0] <= r.value && r.value <= r.ci95[1]).toBe(true);
  });
});
