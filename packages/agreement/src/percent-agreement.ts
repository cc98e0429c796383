import { categoryCounts, type RatingsMatrix } from './ratings-matrix';

/** Percent agreement and the number of cases it averages over. */
export interface PercentAgreement {
  /** In percent (0–100). */
  percent: number;
  /** Cases with at least two ratings. */
  n: number;
}

/**
 * Percent agreement: for each case with ≥ 2 ratings, the share of agreeing rater pairs, averaged
 * over those cases. For two raters this is the share of cases on which they agree.
 */
export function percentAgreement(m: RatingsMatrix): PercentAgreement {
  const q = m.levels.length;
  const counts = categoryCounts(m);
  let sum = 0;
  let n = 0;
  for (let i = 0; i < m.cases; i++) {
    let r = 0;
    let same = 0;
    for (let k = 0; k < q; k++) {
      const c = counts[i * q + k];
      r += c;
      same += c * (c - 1);
    }
    if (r < 2) continue;
    sum += same / (r * (r - 1));
    n += 1;
  }
  if (n === 0) throw new RangeError('percent agreement needs at least one case with two or more ratings');
  return { percent: (100 * sum) / n, n };
}
