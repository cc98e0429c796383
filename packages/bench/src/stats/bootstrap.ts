import { mulberry32 } from '@evalkit/core';
import { quantileSorted } from './quantile';

/** A two-sided 95% interval [low, high]. */
export type Interval = [number, number];

/** Options of the percentile bootstrap. */
export interface BootstrapOptions {
  /** Resamples (default 10,000). */
  resamples?: number;
  /** Seed of the resampling stream (mulberry32), so the same samples give the same interval. */
  seed?: number;
  /** Confidence level (default 0.95). */
  level?: number;
}

const DEFAULT_RESAMPLES = 10_000;
const DEFAULT_SEED = 0x5eed;

/** Ranks 0..n-1 of each value in ascending order (ties broken by position), and the sorted values. */
function ranked(values: ArrayLike<number>): { sorted: Float64Array; rank: Int32Array } {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  const sorted = new Float64Array(n);
  const rank = new Int32Array(n);
  order.forEach((idx, r) => {
    sorted[r] = values[idx];
    rank[idx] = r;
  });
  return { sorted, rank };
}

/**
 * Median of a resample given how often each order statistic was drawn: walks the counts to the
 * middle rank(s), O(n) with no sort per resample.
 */
function medianFromCounts(counts: Int32Array, sorted: Float64Array, n: number): number {
  const lowRank = (n - 1) >> 1;
  const highRank = n >> 1;
  let seen = 0;
  let low = NaN;
  for (let r = 0; r < counts.length; r++) {
    seen += counts[r];
    if (Number.isNaN(low) && seen > lowRank) low = sorted[r];
    if (seen > highRank) return (low + sorted[r]) / 2;
  }
  return low;
}

function percentileInterval(replicates: Float64Array, level: number): Interval {
  replicates.sort();
  const tail = (1 - level) / 2;
  return [quantileSorted(replicates, tail), quantileSorted(replicates, 1 - tail)];
}

/** Both samples ranked: each value's order statistic, and the sorted values. */
type Ranked = ReturnType<typeof ranked>;

/**
 * The percentile interval of median(numerator) / median(denominator) over seeded resamples:
 * `draw` fills one resample's counts per order statistic of each side (paired or independent).
 */
function ratioOfMediansInterval(
  numerator: ArrayLike<number>,
  denominator: ArrayLike<number>,
  options: BootstrapOptions,
  draw: (rng: () => number, a: Ranked, d: Ranked, ca: Int32Array, cd: Int32Array) => void,
): Interval {
  const a = ranked(numerator);
  const d = ranked(denominator);
  const rng = mulberry32(options.seed ?? DEFAULT_SEED);
  const ca = new Int32Array(a.sorted.length);
  const cd = new Int32Array(d.sorted.length);
  const reps = new Float64Array(options.resamples ?? DEFAULT_RESAMPLES);
  for (let k = 0; k < reps.length; k++) {
    ca.fill(0);
    cd.fill(0);
    draw(rng, a, d, ca, cd);
    reps[k] = medianFromCounts(ca, a.sorted, ca.length) / medianFromCounts(cd, d.sorted, cd.length);
  }
  return percentileInterval(reps, options.level ?? 0.95);
}

/**
 * Percentile-bootstrap interval of the median (as scipy.stats.bootstrap(..., method='percentile')):
 * resample with replacement, take each resample's median, report the 2.5th and 97.5th percentiles
 * (numpy's linear rule) of those medians. Seeded, so it is reproducible.
 */
export function bootstrapMedianInterval(samples: ArrayLike<number>, options: BootstrapOptions = {}): Interval {
  const n = samples.length;
  if (n === 0) throw new RangeError('bootstrap of an empty sample');
  const { sorted } = ranked(samples);
  if (n === 1) return [sorted[0], sorted[0]];
  const b = options.resamples ?? DEFAULT_RESAMPLES;
  const rng = mulberry32(options.seed ?? DEFAULT_SEED);
  const counts = new Int32Array(n);
  const reps = new Float64Array(b);
  for (let k = 0; k < b; k++) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(rng() * n) | 0]++;
    reps[k] = medianFromCounts(counts, sorted, n);
  }
  return percentileInterval(reps, options.level ?? 0.95);
}

/**
 * Percentile-bootstrap interval of median(numerator) / median(denominator) from PAIRED samples
 * (numerator[i] and denominator[i] measured together, e.g. interleaved A B runs): each resample
 * draws pair indices, so drift that hit both members of a pair stays paired. As
 * scipy.stats.bootstrap((num, den), ratio_of_medians, paired=True, method='percentile').
 */
export function pairedRatioInterval(numerator: ArrayLike<number>, denominator: ArrayLike<number>, options: BootstrapOptions = {}): Interval {
  const n = numerator.length;
  if (n === 0 || denominator.length !== n) throw new RangeError(`paired samples need equal, non-zero lengths (received ${n} and ${denominator.length})`);
  return ratioOfMediansInterval(numerator, denominator, options, (rng, a, d, ca, cd) => {
    for (let i = 0; i < n; i++) {
      const j = (rng() * n) | 0;
      ca[a.rank[j]]++;
      cd[d.rank[j]]++;
    }
  });
}

/**
 * Percentile-bootstrap interval of median(numerator) / median(denominator) from INDEPENDENT samples
 * (two tasks timed one after the other, two runs of a benchmark): each side is resampled on its own.
 * As scipy.stats.bootstrap((num, den), ratio_of_medians, paired=False, method='percentile').
 */
export function independentRatioInterval(numerator: ArrayLike<number>, denominator: ArrayLike<number>, options: BootstrapOptions = {}): Interval {
  const na = numerator.length;
  const nd = denominator.length;
  if (na === 0 || nd === 0) throw new RangeError(`ratio of medians needs two non-empty samples (received ${na} and ${nd})`);
  return ratioOfMediansInterval(numerator, denominator, options, (rng, _a, _d, ca, cd) => {
    for (let i = 0; i < na; i++) ca[(rng() * na) | 0]++;
    for (let i = 0; i < nd; i++) cd[(rng() * nd) | 0]++;
  });
}
