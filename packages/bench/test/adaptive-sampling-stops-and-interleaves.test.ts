import { sampleInterleaved } from '../src/sampling/adaptive-sampling';

/** A fake task that logs when it ran and reports durations from a list (cycled). */
function task(name: string, durations: number[], log: string[]) {
  let i = 0;
  return async () => {
    log.push(name);
    return durations[i++ % durations.length];
  };
}

describe('adaptive, interleaved sampling', () => {
  it('alternates A B A B after the warm-up and stops at the target once min-runs are done', async () => {
    const log: string[] = [];
    const out = await sampleInterleaved([task('A', [100], log), task('B', [10], log)], { minRuns: 4, maxRuns: 50, maxTimeMs: 60_000, targetCi: 0.05, warmup: 1 });
    expect(out.stopReason).toBe('target-ci');
    expect(log).toEqual(['A', 'B', 'A', 'B', 'A', 'B', 'A', 'B', 'A', 'B']);
    expect(out.samples).toEqual([[100, 100, 100, 100], [10, 10, 10, 10]]);
  });

  it('idles pauseMs before every timed run, so one task\'s leftover work does not land on the next', async () => {
    const started: number[] = [];
    const ended: number[] = [];
    const timed = async () => {
      started.push(performance.now());
      ended.push(performance.now());
      return 10;
    };
    await sampleInterleaved([timed, timed], { minRuns: 3, maxRuns: 3, maxTimeMs: 60_000, warmup: 0, pauseMs: 40 });
    expect(started).toHaveLength(6);
    // setTimeout never fires early by more than the clock's 1 ms rounding
    for (let i = 1; i < started.length; i++) expect(started[i] - ended[i - 1]).toBeGreaterThanOrEqual(39);
  });

  it('keeps sampling a noisy task to max-runs and says so', async () => {
    const log: string[] = [];
    const out = await sampleInterleaved([task('A', [50, 150, 80, 120, 60, 140], log)], { minRuns: 3, maxRuns: 12, maxTimeMs: 60_000, warmup: 0 });
    expect(out.stopReason).toBe('max-runs');
    expect(out.samples[0]).toHaveLength(12);
    expect(out.ciHalfWidthRel[0]).toBeGreaterThan(0.05);
  });

  it('stops on the time budget after min-runs', async () => {
    // Reported durations spread 10-90 ms so the interval never reaches the target (random ones
    // could land within 10% of each other and stop the run on 'target-ci' instead).
    const spread = [10, 90, 30, 70, 50];
    let i = 0;
    const slow = async () => {
      await new Promise((r) => setTimeout(r, 30));
      return spread[i++ % spread.length];
    };
    const out = await sampleInterleaved([slow], { minRuns: 2, maxRuns: 1000, maxTimeMs: 100, warmup: 0 });
    expect(out.stopReason).toBe('max-time');
    expect(out.samples[0].length).toBeGreaterThanOrEqual(2);
    expect(out.samples[0].length).toBeLessThan(10);
  });

  it('refuses min-runs above max-runs', async () => {
    await expect(sampleInterleaved([async () => 1], { minRuns: 5, maxRuns: 2, maxTimeMs: 1, warmup: 0 })).rejects.toThrow(/minRuns <= maxRuns/);
  });
});
