import { latencyStats, measureCeilings, throughput, timeTasks } from '../src';

describe('statistics extraction', () => {
  it('maps tinybench latency fields onto the row fields', () => {
    expect(latencyStats({ mean: 2, p50: 1.5, min: 1.25, p99: 9, sd: 0.25, rme: 3.5, samplesCount: 40 })).toEqual({ meanMs: 2, medianMs: 1.5, minMs: 1.25, p99Ms: 9, sdMs: 0.25, rme: 3.5, samples: 40 });
  });

  it('turns bytes and MACs into GB/s and GFLOP/s from the median', () => {
    // 2e9 bytes and 1e9 MACs in 500 ms: 4 GB/s and 4 GFLOP/s (2 flops per MAC)
    expect(throughput(2e9, 1e9, 500)).toEqual({ gbps: 4, gflops: 4 });
  });
});

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
