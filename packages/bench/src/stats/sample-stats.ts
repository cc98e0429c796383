import { bootstrapMedianInterval, type BootstrapOptions, type Interval } from './bootstrap';
import { tukeyOutliers, type TukeyOutliers } from './outliers';
import { medianSorted } from './quantile';

/** Above this coefficient of variation a row is flagged unstable (pyperf warns from 10% too). */
export const UNSTABLE_CV = 0.1;

/** Default target: the median's 95% interval within ±5% of the median. */
export const DEFAULT_TARGET_CI = 0.05;

/** The statistics every timed row carries (times in milliseconds). */
export interface SampleStats {
  /** Number of timed samples. */
  samples: number;
  /** The raw sample times, in the order they were taken. */
  samplesMs: number[];
  meanMs: number;
  medianMs: number;
  /** 95% percentile-bootstrap interval of the median. */
  medianCi95Ms: Interval;
  /** Half the interval's width over the median: what --target-ci bounds. */
  ciHalfWidthRel: number;
  minMs: number;
  /** 99th percentile by nearest rank. */
  p99Ms: number;
  /** Sample standard deviation (n − 1); 0 for one sample. */
  sdMs: number;
  /** sd / mean. */
  cv: number;
  outliers: TukeyOutliers;
  /** True when cv > 10%, the interval misses the target, or there are fewer than 3 samples. */
  unstable: boolean;
  /** Why the row is unstable, in words (empty when stable). */
  unstableReasons: string[];
}

/** Options of sampleStats. */
export interface SampleStatsOptions extends BootstrapOptions {
  /** Relative half-width the median's interval should reach (default 0.05). */
  targetCi?: number;
}

/** Relative half-width of an interval around a centre. */
export function relativeHalfWidth(interval: Interval, centre: number): number {
  return (interval[1] - interval[0]) / 2 / Math.abs(centre);
}

/** Why a row with these figures is unstable (empty when it is not). */
export function instabilityReasons(n: number, cv: number, ciHalfWidthRel: number, targetCi: number): string[] {
  const reasons: string[] = [];
  if (n < 3) reasons.push(`only ${n} sample${n === 1 ? '' : 's'}`);
  if (cv > UNSTABLE_CV) reasons.push(`CV ${(100 * cv).toFixed(1)}% > ${100 * UNSTABLE_CV}%`);
  if (!(ciHalfWidthRel <= targetCi)) reasons.push(`interval ±${(100 * ciHalfWidthRel).toFixed(1)}% misses the ±${(100 * targetCi).toFixed(1)}% target`);
  return reasons;
}

/** Summarises timing samples: median with its bootstrap interval, spread, Tukey outliers, stability. */
export function sampleStats(samplesMs: readonly number[], options: SampleStatsOptions = {}): SampleStats {
  const n = samplesMs.length;
  if (n === 0) throw new RangeError('sampleStats needs at least one sample');
  for (const v of samplesMs) if (!Number.isFinite(v)) throw new RangeError(`a timing sample is not a finite number: ${v}`);
  const sorted = Float64Array.from(samplesMs).sort();
  const mean = samplesMs.reduce((s, v) => s + v, 0) / n;
  const sd = n > 1 ? Math.sqrt(samplesMs.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : 0;
  const median = medianSorted(sorted);
  const ci = bootstrapMedianInterval(samplesMs, options);
  const half = relativeHalfWidth(ci, median);
  const cv = sd / mean;
  const reasons = instabilityReasons(n, cv, half, options.targetCi ?? DEFAULT_TARGET_CI);
  return {
    samples: n,
    samplesMs: [...samplesMs],
    meanMs: mean,
    medianMs: median,
    medianCi95Ms: ci,
    ciHalfWidthRel: half,
    minMs: sorted[0],
    p99Ms: sorted[Math.min(n - 1, Math.ceil(0.99 * n) - 1)],
    sdMs: sd,
    cv,
    outliers: tukeyOutliers(samplesMs),
    unstable: reasons.length > 0,
    unstableReasons: reasons,
  };
}
