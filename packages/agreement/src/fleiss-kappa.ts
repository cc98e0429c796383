import { categoryCounts, type RatingsMatrix } from './ratings-matrix';

/** Fleiss' kappa for many raters. */
export interface FleissKappa {
  kappa: number;
  /** Mean pairwise agreement over cases with at least two ratings. */
  pa: number;
  /** Chance agreement sum_k pi_k^2. */
  pe: number;
  /** kappa / SE0 with Fleiss, Nee & Landis's (1979) null variance; null unless every case has the same number of ratings. */
  z: number | null;
  /** Cases with at least two ratings. */
  n: number;
  /** True when pe = 1 (every rating in one level): kappa is then reported as 1, z as null. */
  degenerate: boolean;
}

/**
 * Fleiss' kappa from per-case category counts (cases x q row-major). With the same number of
 * ratings m per case this is Fleiss (1971). Cases with fewer ratings are allowed, as in Gwet's
 * generalisation (irrCAC fleiss.kappa.raw): pa averages over cases with ≥ 2 ratings, pi_k over
 * cases with ≥ 1.
 */
export function fleissKappaFromCounts(counts: ArrayLike<number>, q: number): FleissKappa {
  const cases = Math.floor(counts.length / q);
  if (cases * q !== counts.length) throw new RangeError(`counts has ${counts.length} cells, not a multiple of q=${q}`);
  const pi = new Float64Array(q);
  let rated = 0;
  let paSum = 0;
  let paCases = 0;
  let m: number | null = null;
  let constant = true;
  for (let i = 0; i < cases; i++) {
    let r = 0;
    for (let k = 0; k < q; k++) r += counts[i * q + k];
    if (r < 1) continue;
    rated += 1;
    if (m === null) m = r;
    else if (m !== r) constant = false;
    for (let k = 0; k < q; k++) pi[k] += counts[i * q + k] / r;
    if (r >= 2) {
      let s = 0;
      for (let k = 0; k < q; k++) s += counts[i * q + k] * (counts[i * q + k] - 1);
      paSum += s / (r * (r - 1));
      paCases += 1;
    }
  }
  if (paCases === 0) throw new RangeError('Fleiss\' kappa needs at least one case with two or more ratings');
  let pe = 0;
  for (let k = 0; k < q; k++) {
    pi[k] /= rated;
    pe += pi[k] * pi[k];
  }
  const pa = paSum / paCases;
  if (1 - pe <= 1e-12) return { kappa: 1, pa, pe, z: null, n: paCases, degenerate: true };
  const kappa = (pa - pe) / (1 - pe);
  let z: number | null = null;
  if (constant && m !== null && m >= 2 && rated === paCases) {
    // Fleiss, Nee & Landis (1979) variance under H0 (as R irr kappam.fleiss reports).
    let spq = 0;
    let spqq = 0;
    for (let k = 0; k < q; k++) {
      const qk = 1 - pi[k];
      spq += pi[k] * qk;
      spqq += pi[k] * qk * (qk - pi[k]);
    }
    const variance = (2 / (spq * spq * (rated * m * (m - 1)))) * (spq * spq - spqq);
    z = variance > 0 ? kappa / Math.sqrt(variance) : null;
  }
  return { kappa, pa, pe, z, n: paCases, degenerate: false };
}

/** Fleiss' kappa of a ratings matrix (missing ratings allowed). */
export function fleissKappa(m: RatingsMatrix): FleissKappa {
  return fleissKappaFromCounts(categoryCounts(m), m.levels.length);
}
