import type { DeviceCeilings } from '@evalkit/bench';
import { addCeilingFractions, measureCeilings, type KernelRow } from '../src';
import { addSpeedups } from '../src/run-kernel-bench';
import { throughput } from '../src/statistics';
import { timeTasks } from '../src/tinybench-runner';
import { notYetCompared } from '../src/run-kernel-bench';

describe('throughput', () => {
  it('turns bytes and MACs into GB/s and GFLOP/s from the median', () => {
    // 2e9 bytes and 1e9 MACs in 500 ms: 4 GB/s and 4 GFLOP/s (2 flops per MAC)
    expect(throughput(2e9, 1e9, 500)).toEqual({ gbps: 4, gflops: 4 });
  });
});

/** A completed row with hand-set rates; only the fields the ceiling and speedup code read matter. */
function row(variant: string, medianMs: number, gflops: number, gbps: number, samplesMs: number[]): KernelRow {
  return {
    variant,
    variantIndex: Number(variant),
    label: variant,
    implementation: 'onnx',
    part: 'full',
    shape: { n: 1, c: 8, t: 2, h: 8, w: 8 },
    shapeLabel: 'smoke',
    kernel: 'onnxruntime graph',
    bytes: 1e6,
    macs: 1e6,
    opBytes: 1e6,
    baselineVariant: variant === '6' ? '1' : null,
    state: 'completed',
    samples: samplesMs.length,
    samplesMs,
    meanMs: medianMs,
    medianMs,
    medianCi95Ms: [medianMs, medianMs],
    ciHalfWidthRel: 0,
    minMs: medianMs,
    p99Ms: medianMs,
    sdMs: 0,
    cv: 0,
    outliers: { lowSevere: 0, lowMild: 0, highMild: 0, highSevere: 0, indices: [], fences: [0, 0, 0, 0] },
    unstable: false,
    unstableReasons: [],
    stopReason: 'max-runs',
    gbps,
    gflops,
    fractionOfMemcpy: 0,
    fractionOfMatmul: 0,
    ...notYetCompared(),
    checks: [],
  };
}

const ceilings = { matmulGflops: 100, memcpyGBps: 20 } as DeviceCeilings;

describe('kernel rows against the device ceilings', () => {
  it('a row faster than the measured GEMM raises the compute ceiling, is flagged, and no fraction exceeds 100%', () => {
    const out = addCeilingFractions([row('1', 2, 80, 5, [2]), row('6', 1, 125, 30, [1])], ceilings);
    expect(out.compute).toEqual({ measured: 100, effective: 125, raisedBy: ['6 onnx/full smoke'] });
    expect(out.memory).toEqual({ measured: 20, effective: 30, raisedBy: ['6 onnx/full smoke'] });
    const [a, b] = out.rows as Extract<KernelRow, { state: 'completed' }>[];
    expect(a.fractionOfMatmul).toBeCloseTo(80 / 125, 12);
    expect(a.fractionOfMemcpy).toBeCloseTo(5 / 30, 12);
    expect(a.aboveCeiling).toEqual([]);
    expect(b.fractionOfMatmul).toBe(1);
    expect(b.aboveCeiling).toEqual(['matmul', 'memcpy']);
    // 2e6 FLOP over 1e6 bytes = 2 FLOP/byte, below the ridge 125 / 30 = 4.2: memory-bound.
    expect(b.bound).toBe('memory');
  });

  it('speedups over variant 1 are ratios of medians with an interval; variant 1 against itself is exactly 1 by definition', () => {
    const rows = addSpeedups([row('1', 10, 1, 1, [9.8, 10, 10.2, 10.1, 9.9]), row('6', 4, 1, 1, [3.9, 4, 4.1, 4.05, 3.95])]) as Extract<KernelRow, { state: 'completed' }>[];
    expect(rows[1].speedupVsVariant1).toBeCloseTo(2.5, 12);
    expect(rows[1].speedupVsBaseline).toBeCloseTo(2.5, 12);
    const [lo, hi] = rows[1].speedupVsVariant1Ci95!;
    // Every resampled ratio lies between min(v1)/max(v6) and max(v1)/min(v6).
    expect(lo).toBeGreaterThanOrEqual(9.8 / 4.1);
    expect(hi).toBeLessThanOrEqual(10.2 / 3.9);
    expect(lo).toBeLessThan(2.5);
    expect(hi).toBeGreaterThan(2.5);
    expect(rows[0].speedupVsVariant1Ci95).toEqual([1, 1]);
  });
});

// The fixed-budget tinybench harness and single-MatMul ceilings stay for the in-page (onnxruntime-web) benchmark.
describe('tinybench harness', () => {
  it('records a throwing task as errored and still times the others', async () => {
    const out = await timeTasks(
      [
        { name: 'ok', fn: () => Math.sqrt(2) },
        {
          name: 'bad',
          fn: () => {
            throw new Error('boom');
          },
        },
      ],
      { timeBudgetMs: 20, minSamples: 5, warmupRuns: 1 },
    );
    expect(out.get('bad')).toEqual({ state: 'errored', error: 'boom' });
    const ok = out.get('ok')!;
    expect(ok.state).toBe('completed');
    if (ok.state === 'completed') expect(ok.stats.samples).toBeGreaterThanOrEqual(5);
  });

  it('measures both ceilings as positive rates', async () => {
    const c = await measureCeilings({ threads: 1, timeBudgetMs: 50, memcpyBytes: 2 ** 24, matmulSize: 128 });
    expect(c.memcpyGBps).toBeGreaterThan(0.1);
    expect(c.matmulGflops).toBeGreaterThan(0.1);
    expect(Number.isFinite(c.memcpyGBps) && Number.isFinite(c.matmulGflops)).toBe(true);
  }, 30_000);
});
