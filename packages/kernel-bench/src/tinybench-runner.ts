import { latencyStats, type LatencyStats } from './statistics';

/** How long and how often to time one task. */
export interface TimingOptions {
  /** Time budget per task in ms (tinybench `time`). */
  timeBudgetMs: number;
  /** Minimum samples per task (tinybench `iterations`); slow kernels stop here once the budget is spent. */
  minSamples: number;
  /** Warm-up runs before timing. */
  warmupRuns: number;
}

/** A timed task's outcome: statistics, or the error tinybench recorded (a discriminated union, never thrown). */
export type TimedOutcome = { state: 'completed'; stats: LatencyStats } | { state: 'errored'; error: string };

/** One function to time. */
export interface TimedTask {
  name: string;
  fn: () => unknown;
  /**
   * Whether fn returns a promise. Say so: otherwise tinybench calls fn once, unawaited, to find out,
   * and a session that allows one run at a time (onnxruntime-web on WebGPU) then sees two at once.
   */
  async?: boolean;
}

/**
 * Times tasks with tinybench (ESM-only, hence the dynamic import), one after another in one Bench.
 * A task that throws is recorded as errored; the others still run.
 */
export async function timeTasks(tasks: readonly TimedTask[], options: TimingOptions): Promise<Map<string, TimedOutcome>> {
  const { Bench } = await import('tinybench');
  const bench = new Bench({
    time: options.timeBudgetMs,
    iterations: options.minSamples,
    warmup: options.warmupRuns > 0,
    warmupIterations: options.warmupRuns,
    warmupTime: 0,
    throws: false,
  });
  for (const t of tasks) bench.add(t.name, t.fn, t.async === undefined ? undefined : { async: t.async });
  await bench.run();
  const out = new Map<string, TimedOutcome>();
  for (const task of bench.tasks) {
    const r = task.result;
    if (r.state === 'completed' || r.state === 'aborted-with-statistics') out.set(task.name, { state: 'completed', stats: latencyStats(r.latency) });
    else if (r.state === 'errored') out.set(task.name, { state: 'errored', error: r.error?.message ?? String(r.error) });
    else out.set(task.name, { state: 'errored', error: `task ended in state ${r.state}` });
  }
  return out;
}
