import { cohenKappaFromTable } from './cohen-kappa';
import { MISSING } from './levels';
import { createPrng } from './prng';
import type { WeightScheme } from './weights';

/** Quantile of sorted values with linear interpolation between order statistics (R type 7, numpy default). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of an empty sample');
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Percentile interval [(1-c)/2, (1+c)/2] of bootstrap replicates (sorted in place). */
export function percentileInterval(replicates: Float64Array, confidence = 0.95): [number, number] {
  replicates.sort();
  const tail = (1 - confidence) / 2;
  return [quantileSorted(replicates, tail), quantileSorted(replicates, 1 - tail)];
}

/**
 * Percentile bootstrap intervals for the share of each level among `n` cases, resampling cases
 * with replacement. Codes are level indices or MISSING; under the "all" policy a missing rating
 * stays in the denominator (as in the paper), under "rated" it is dropped before resampling.
 * Returns [low, high] per level as proportions.
 */
export function bootstrapLevelShares(
  codes: Int32Array,
  q: number,
  options: { resamples: number; seed: number; denominator: 'all' | 'rated'; confidence?: number },
): [number, number][] {
  const pool = options.denominator === 'rated' ? codes.filter((c) => c !== MISSING) : codes;
  const n = pool.length;
  const reps = Array.from({ length: q }, () => new Float64Array(options.resamples));
  if (n === 0) return reps.map(() => [0, 0]);
  const rng = createPrng(options.seed);
  const counts = new Int32Array(q);
  for (let r = 0; r < options.resamples; r++) {
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = pool[rng.int(n)];
      if (c !== MISSING) counts[c] += 1;
    }
    for (let k = 0; k < q; k++) reps[k][r] = counts[k] / n;
  }
  return reps.map((rep) => percentileInterval(rep, options.confidence ?? 0.95));
}

/** A bootstrap interval of Cohen's kappa. */
export interface KappaBootstrap {
  kappa: number;
  ci: [number, number];
  resamples: number;
  seed: number;
}

/**
 * Percentile bootstrap of Cohen's kappa: pairs are turned into integer cell codes a*q+b once, so
 * each resample is n random draws into a q*q count table plus one O(q^2) kappa. Pairs with a
 * missing rating are dropped first.
 */
export function bootstrapCohenKappa(
  a: Int32Array,
  b: Int32Array,
  q: number,
  options: { resamples: number; seed: number; weights?: WeightScheme; confidence?: number },
): KappaBootstrap {
  const cells: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== MISSING && b[i] !== MISSING) cells.push(a[i] * q + b[i]);
  const cell = Int32Array.from(cells);
  const n = cell.length;
  if (n === 0) throw new RangeError('bootstrap of Cohen\'s kappa needs at least one case rated by both raters');
  const scheme = options.weights ?? 'unweighted';
  const table = new Float64Array(q * q);
  for (let i = 0; i < n; i++) table[cell[i]] += 1;
  const kappa = cohenKappaFromTable(table, q, scheme).kappa;
  const rng = createPrng(options.seed);
  const reps = new Float64Array(options.resamples);
  for (let r = 0; r < options.resamples; r++) {
    table.fill(0);
    for (let i = 0; i < n; i++) table[cell[rng.int(n)]] += 1;
    reps[r] = kappaOnly(table, q, scheme);
  }
  return { kappa, ci: percentileInterval(reps, options.confidence ?? 0.95), resamples: options.resamples, seed: options.seed };
}

/** kappa alone (no standard errors) for the inner bootstrap loop; 1 for a degenerate table as in cohenKappaFromTable. */
function kappaOnly(table: Float64Array, q: number, scheme: WeightScheme): number {
  let n = 0;
  let po = 0;
  let pe = 0;
  const row = new Float64Array(q);
  const col = new Float64Array(q);
  for (let i = 0; i < q; i++) for (let j = 0; j < q; j++) {
    const v = table[i * q + j];
    n += v;
    row[i] += v;
    col[j] += v;
  }
  for (let i = 0; i < q; i++) for (let j = 0; j < q; j++) {
    const d = Math.abs(i - j) / (q - 1 || 1);
    const w = scheme === 'unweighted' ? (i === j ? 1 : 0) : scheme === 'linear' ? 1 - d : 1 - d * d;
    po += (w * table[i * q + j]) / n;
    pe += (w * row[i] * col[j]) / (n * n);
  }
  return 1 - pe <= 1e-12 ? 1 : (po - pe) / (1 - pe);
}
