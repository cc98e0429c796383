import { bootstrapMedianInterval } from '../stats/bootstrap';
import { relativeHalfWidth, DEFAULT_TARGET_CI } from '../stats/sample-stats';
import { medianSorted } from '../stats/quantile';

/** When to stop taking samples. */
export interface SamplingOptions {
  /** Samples always taken (per task). */
  minRuns: number;
  /** Samples never exceeded (per task). */
  maxRuns: number;
  /** Timed wall-clock budget for all tasks together, ms (checked after each round). */
  maxTimeMs: number;
  /** Stop once every task's median interval is within ± this fraction of its median (default 0.05). */
  targetCi?: number;
  /** Untimed runs per task before the first timed round. */
  warmup: number;
  /**
   * Idle this long before each timed run (default 0). Tasks in other processes can leave work behind
   * them: onnxruntime's intra-op threads spin for a while after a run, taking cores from the next
   * task, so without a pause the task after a spinning one is timed slower than the same task after
   * a quiet one.
   */
  pauseMs?: number;
}

/** Why sampling stopped. */
export type StopReason = 'target-ci' | 'max-runs' | 'max-time';

/** Samples of every task and why sampling stopped. */
export interface SamplingOutcome {
  /** samples[task][round], ms. */
  samples: number[][];
  stopReason: StopReason;
  /** Timed wall time of all rounds, ms. */
  elapsedMs: number;
  /** Relative half-width of each task's interval when sampling stopped. */
  ciHalfWidthRel: number[];
}

/** A unit of work that reports its own duration in ms (a child process times its own decode). */
export type TimedRun = () => Promise<number>;

/** Wraps a function so that one call is timed by this process's clock. */
export function timedByCaller(fn: () => unknown): TimedRun {
  return async () => {
    // performance.now(): the same clock in Node.js and in a browser page.
    const t0 = performance.now();
    await fn();
    return performance.now() - t0;
  };
}

/** The quick interval the stopping rule looks at (fewer resamples than the reported one). */
function quickHalfWidth(samples: number[]): number {
  if (samples.length < 2) return Infinity;
  const ci = bootstrapMedianInterval(samples, { resamples: 1000 });
  return relativeHalfWidth(ci, medianSorted(Float64Array.from(samples).sort()));
}

/**
 * Takes samples of several tasks interleaved: rounds of A B (C …), so slow drift (thermal, a
 * neighbour process) hits every task alike and their ratio stays fair. Warm-up runs first, then
 * rounds until, after at least `minRuns`, every task's median interval reaches the target, or
 * `maxRuns` rounds, or the time budget is spent; the outcome says which.
 */
export async function sampleInterleaved(tasks: readonly TimedRun[], options: SamplingOptions, onRound?: (round: number, samples: number[][]) => void): Promise<SamplingOutcome> {
  if (!(options.minRuns >= 1 && options.maxRuns >= options.minRuns)) throw new RangeError(`need 1 <= minRuns <= maxRuns (received ${options.minRuns}, ${options.maxRuns})`);
  const target = options.targetCi ?? DEFAULT_TARGET_CI;
  for (let w = 0; w < options.warmup; w++) for (const t of tasks) await t();
  const samples: number[][] = tasks.map(() => []);
  const began = performance.now();
  const elapsed = () => performance.now() - began;
  let stopReason: StopReason = 'max-runs';
  let widths = tasks.map(() => Infinity);
  for (let round = 1; round <= options.maxRuns; round++) {
    for (let i = 0; i < tasks.length; i++) {
      if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
      samples[i].push(await tasks[i]());
    }
    onRound?.(round, samples);
    if (round < options.minRuns) continue;
    // The bootstrap costs O(resamples × n): look at it every round while n is small, then every ~10%.
    if (round <= 30 || round % Math.ceil(round / 10) === 0 || round === options.maxRuns) widths = samples.map(quickHalfWidth);
    if (widths.every((w) => w <= target)) {
      stopReason = 'target-ci';
      break;
    }
    if (round === options.maxRuns) break;
    if (elapsed() >= options.maxTimeMs) {
      stopReason = 'max-time';
      break;
    }
  }
  return { samples, stopReason, elapsedMs: elapsed(), ciHalfWidthRel: samples.map(quickHalfWidth) };
}
