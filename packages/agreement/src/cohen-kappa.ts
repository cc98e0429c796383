import { contingencyTable } from './contingency';
import { Z95 } from './normal';
import { agreementWeights, type WeightScheme } from './weights';

/** Cohen's kappa of one weighting with its Fleiss–Cohen–Everitt (1969) asymptotic standard errors. */
export interface CohenKappa {
  /** The weighting used. */
  weights: WeightScheme;
  /** kappa = (po - pe) / (1 - pe). */
  kappa: number;
  /** Observed (weighted) agreement po. */
  po: number;
  /** Chance-expected (weighted) agreement pe from the two raters' marginals. */
  pe: number;
  /** Asymptotic standard error of kappa (non-null hypothesis), Fleiss, Cohen & Everitt 1969. */
  ase: number;
  /** kappa ± z_{0.975} · ase. */
  ci95: [number, number];
  /** Standard error under H0: kappa = 0 (what R irr and SAS use for the z test). */
  ase0: number;
  /** kappa / ase0; null when ase0 is 0 (degenerate table). */
  z: number | null;
  /** Number of case pairs rated by both raters. */
  n: number;
  /**
   * True when pe = 1: both raters used one and the same level for every case. kappa is 0/0 there;
   * we report kappa = 1 (observed agreement is perfect), ase = ase0 = 0, z = null.
   */
  degenerate: boolean;
}

/**
 * Cohen's kappa from a q x q contingency table (row-major, rows = rater A) with agreement weights.
 * One formula covers all weightings: unweighted kappa is the identity-weight case.
 */
export function cohenKappaFromTable(table: ArrayLike<number>, q: number, scheme: WeightScheme = 'unweighted', values?: ArrayLike<number>): CohenKappa {
  if (table.length !== q * q) throw new RangeError(`table has ${table.length} cells, expected ${q}x${q}`);
  const w = agreementWeights(q, scheme, values);
  let n = 0;
  for (let i = 0; i < q * q; i++) n += table[i];
  if (!(n > 0)) throw new RangeError('Cohen\'s kappa needs at least one case rated by both raters (the table is empty)');
  const row = new Float64Array(q);
  const col = new Float64Array(q);
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      const p = table[i * q + j] / n;
      row[i] += p;
      col[j] += p;
    }
  }
  let po = 0;
  let pe = 0;
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      po += w[i * q + j] * (table[i * q + j] / n);
      pe += w[i * q + j] * row[i] * col[j];
    }
  }
  if (1 - pe <= 1e-12) {
    return { weights: scheme, kappa: 1, po, pe, ase: 0, ci95: [1, 1], ase0: 0, z: null, n, degenerate: true };
  }
  const kappa = (po - pe) / (1 - pe);
  // wRow[i] = sum_j w_ij p_.j and wCol[j] = sum_i w_ij p_i. (Fleiss, Cohen & Everitt 1969, eq. 9 and 13).
  const wRow = new Float64Array(q);
  const wCol = new Float64Array(q);
  for (let i = 0; i < q; i++) for (let j = 0; j < q; j++) {
    wRow[i] += w[i * q + j] * col[j];
    wCol[j] += w[i * q + j] * row[i];
  }
  let a = 0;
  let a0 = 0;
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      const p = table[i * q + j] / n;
      const d = w[i * q + j] - (wRow[i] + wCol[j]) * (1 - kappa);
      a += p * d * d;
      const d0 = w[i * q + j] - (wRow[i] + wCol[j]);
      a0 += row[i] * col[j] * d0 * d0;
    }
  }
  const denom = n * (1 - pe) * (1 - pe);
  const variance = Math.max(0, (a - (kappa - pe * (1 - kappa)) ** 2) / denom);
  const variance0 = Math.max(0, (a0 - pe * pe) / denom);
  const ase = Math.sqrt(variance);
  const ase0 = Math.sqrt(variance0);
  return {
    weights: scheme,
    kappa,
    po,
    pe,
    ase,
    ci95: [kappa - Z95 * ase, kappa + Z95 * ase],
    ase0,
    z: ase0 > 0 ? kappa / ase0 : null,
    n,
    degenerate: false,
  };
}

/** Cohen's kappa of two raters' codes over q declared levels (pairs with a missing rating are dropped). */
export function cohenKappa(a: Int32Array, b: Int32Array, q: number, scheme: WeightScheme = 'unweighted', values?: ArrayLike<number>): CohenKappa {
  return cohenKappaFromTable(contingencyTable(a, b, q), q, scheme, values);
}
