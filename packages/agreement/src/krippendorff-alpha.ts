import { levelValues } from './levels';
import { categoryCounts, type RatingsMatrix } from './ratings-matrix';

/** Level of measurement for Krippendorff's alpha (decides the difference function). */
export type AlphaScale = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/** Every alpha scale, in order of increasing information. */
export const ALPHA_SCALES: readonly AlphaScale[] = ['nominal', 'ordinal', 'interval', 'ratio'];

/** Krippendorff's alpha with the pieces it is made of. */
export interface KrippendorffAlpha {
  scale: AlphaScale;
  alpha: number;
  /** Observed disagreement Do. */
  observed: number;
  /** Expected disagreement De. */
  expected: number;
  /** Number of pairable values n (ratings in cases that have at least two ratings). */
  pairable: number;
  /** True when De = 0 (all pairable values identical): alpha is then reported as 1. */
  degenerate: boolean;
}

/**
 * Coincidence matrix (q x q row-major) from per-case category counts: each case with m ≥ 2
 * ratings adds n_c (n_k - [c = k]) / (m - 1). Cases with fewer than two ratings are unpairable and
 * add nothing, which is how missing ratings are handled (Krippendorff 2011).
 */
export function coincidenceMatrix(counts: ArrayLike<number>, q: number): Float64Array {
  const o = new Float64Array(q * q);
  const cases = Math.floor(counts.length / q);
  for (let i = 0; i < cases; i++) {
    let m = 0;
    for (let k = 0; k < q; k++) m += counts[i * q + k];
    if (m < 2) continue;
    for (let c = 0; c < q; c++) {
      const nc = counts[i * q + c];
      if (nc === 0) continue;
      for (let k = 0; k < q; k++) o[c * q + k] += (nc * (counts[i * q + k] - (c === k ? 1 : 0))) / (m - 1);
    }
  }
  return o;
}

/**
 * Squared difference delta^2(c, k) for a scale. Ordinal uses the marginal frequencies of the
 * levels between c and k (Krippendorff's rank-free ordinal metric); interval and ratio use the
 * numeric level values.
 */
export function alphaDistances(scale: AlphaScale, marginals: ArrayLike<number>, values: ArrayLike<number>): Float64Array {
  const q = marginals.length;
  const d = new Float64Array(q * q);
  for (let c = 0; c < q; c++) {
    for (let k = 0; k < q; k++) {
      if (c === k) continue;
      let v: number;
      if (scale === 'nominal') v = 1;
      else if (scale === 'ordinal') {
        const lo = Math.min(c, k);
        const hi = Math.max(c, k);
        let s = 0;
        for (let g = lo; g <= hi; g++) s += marginals[g];
        s -= (marginals[c] + marginals[k]) / 2;
        v = s * s;
      } else if (scale === 'interval') v = (values[c] - values[k]) ** 2;
      else {
        const sum = values[c] + values[k];
        v = sum === 0 ? 0 : ((values[c] - values[k]) / sum) ** 2;
      }
      d[c * q + k] = v;
    }
  }
  return d;
}

/** Krippendorff's alpha from per-case category counts (cases x q). `values` default to levelValues of 1..q ranks. */
export function krippendorffAlphaFromCounts(counts: ArrayLike<number>, q: number, scale: AlphaScale, values?: ArrayLike<number>): KrippendorffAlpha {
  const o = coincidenceMatrix(counts, q);
  const nc = new Float64Array(q);
  let n = 0;
  for (let c = 0; c < q; c++) for (let k = 0; k < q; k++) nc[c] += o[c * q + k];
  for (let c = 0; c < q; c++) n += nc[c];
  if (n < 2) throw new RangeError('Krippendorff\'s alpha needs at least one case with two or more ratings');
  const vals = values ?? Float64Array.from({ length: q }, (_, i) => i + 1);
  if (scale === 'ratio') {
    for (let c = 0; c < q; c++) if (nc[c] > 0 && vals[c] < 0) throw new RangeError(`ratio alpha needs non-negative level values, got ${vals[c]}`);
  }
  const delta = alphaDistances(scale, nc, vals);
  let dObs = 0;
  let dExp = 0;
  for (let c = 0; c < q; c++) {
    for (let k = 0; k < q; k++) {
      dObs += o[c * q + k] * delta[c * q + k];
      dExp += nc[c] * nc[k] * delta[c * q + k];
    }
  }
  const observed = dObs / n;
  const expected = dExp / (n * (n - 1));
  if (expected <= 1e-15) return { scale, alpha: 1, observed, expected, pairable: n, degenerate: true };
  return { scale, alpha: 1 - observed / expected, observed, expected, pairable: n, degenerate: false };
}

/** Krippendorff's alpha of a ratings matrix; interval/ratio use numeric level names or ranks 1..q. */
export function krippendorffAlpha(m: RatingsMatrix, scale: AlphaScale, values?: ArrayLike<number>): KrippendorffAlpha {
  return krippendorffAlphaFromCounts(categoryCounts(m), m.levels.length, scale, values ?? levelValues(m.levels));
}
