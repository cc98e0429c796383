import { categoryCounts, type RatingsMatrix } from './ratings-matrix';
import { agreementWeights, type WeightScheme } from './weights';

/** Gwet's AC1 (unweighted) or AC2 (weighted) agreement coefficient. */
export interface GwetAc {
  weights: WeightScheme;
  coefficient: number;
  /** Weighted observed agreement over cases with ≥ 2 ratings. */
  pa: number;
  /** Gwet's chance agreement T_w / (q (q-1)) · sum_k pi_k (1 - pi_k). */
  pe: number;
  /** Cases with at least two ratings. */
  n: number;
  /** True when q = 1 (a single declared level): the coefficient is reported as 1. */
  degenerate: boolean;
}

/**
 * Gwet's AC1/AC2 from per-case category counts (cases x q), following Gwet (2014), Handbook of
 * Inter-Rater Reliability, ch. 2 and 3 (as irrCAC gwet.ac1.raw): missing ratings allowed; q is the
 * number of declared levels, observed or not.
 */
export function gwetAcFromCounts(counts: ArrayLike<number>, q: number, scheme: WeightScheme = 'unweighted', values?: ArrayLike<number>): GwetAc {
  const w = agreementWeights(q, scheme, values);
  const cases = Math.floor(counts.length / q);
  const pi = new Float64Array(q);
  let rated = 0;
  let paSum = 0;
  let paCases = 0;
  for (let i = 0; i < cases; i++) {
    let r = 0;
    for (let k = 0; k < q; k++) r += counts[i * q + k];
    if (r < 1) continue;
    rated += 1;
    for (let k = 0; k < q; k++) pi[k] += counts[i * q + k] / r;
    if (r >= 2) {
      let s = 0;
      for (let k = 0; k < q; k++) {
        const rik = counts[i * q + k];
        if (rik === 0) continue;
        let star = 0;
        for (let l = 0; l < q; l++) star += w[k * q + l] * counts[i * q + l];
        s += rik * (star - 1);
      }
      paSum += s / (r * (r - 1));
      paCases += 1;
    }
  }
  if (paCases === 0) throw new RangeError('Gwet\'s AC needs at least one case with two or more ratings');
  const pa = paSum / paCases;
  if (q < 2) return { weights: scheme, coefficient: 1, pa, pe: 1, n: paCases, degenerate: true };
  let tw = 0;
  for (let i = 0; i < q * q; i++) tw += w[i];
  let spq = 0;
  for (let k = 0; k < q; k++) {
    pi[k] /= rated;
    spq += pi[k] * (1 - pi[k]);
  }
  const pe = (tw / (q * (q - 1))) * spq;
  return { weights: scheme, coefficient: (pa - pe) / (1 - pe), pa, pe, n: paCases, degenerate: false };
}

/** Gwet's AC1 (scheme "unweighted") or AC2 (linear/quadratic, by level rank) of a ratings matrix. */
export function gwetAc(m: RatingsMatrix, scheme: WeightScheme = 'unweighted', values?: ArrayLike<number>): GwetAc {
  return gwetAcFromCounts(categoryCounts(m), m.levels.length, scheme, values);
}
