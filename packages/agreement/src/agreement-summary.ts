import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import { cohenKappa, type CohenKappa } from './cohen-kappa';
import { fleissKappa } from './fleiss-kappa';
import { gwetAc } from './gwet-ac';
import { ALPHA_SCALES, krippendorffAlpha, type AlphaScale } from './krippendorff-alpha';
import { percentAgreement } from './percent-agreement';
import { MISSING } from './levels';
import { raterColumn, type RatingsMatrix } from './ratings-matrix';

/** Cohen's kappa of one rater pair in all three weightings (what `evalkit agreement --json` prints under `cohen`). */
export interface CohenSummary {
  raters: [string, string];
  /** Unweighted kappa. */
  kappa: number;
  /** Linear-weighted kappa (weights by level rank). */
  linear: number;
  /** Quadratic-weighted kappa (weights by level rank). */
  quadratic: number;
  /** Fleiss–Cohen–Everitt ASE of the unweighted kappa. */
  ase: number;
  /** 95% interval of the unweighted kappa. */
  ci95: [number, number];
  /** Null-hypothesis standard error and z of the unweighted kappa. */
  ase0: number;
  z: number | null;
  aseLinear: number;
  ci95Linear: [number, number];
  ase0Linear: number;
  zLinear: number | null;
  aseQuadratic: number;
  ci95Quadratic: [number, number];
  ase0Quadratic: number;
  zQuadratic: number | null;
  /** Cases rated by both. */
  n: number;
  degenerate: boolean;
}

/** Every agreement coefficient for one ratings matrix; the JSON of `evalkit agreement`. */
export interface AgreementSummary {
  levels: string[];
  scale: AlphaScale;
  raters: string[];
  cases: number;
  /** Mean pairwise agreement in percent (0–100). */
  percentAgreement: number;
  /** Cohen's kappa when there are exactly two raters, else null (see pairwise). */
  cohen: CohenSummary | null;
  /** Cohen's kappa for every pair of raters (one entry for two raters). */
  pairwise: CohenSummary[];
  fleiss: { kappa: number; z: number | null };
  krippendorff: Record<AlphaScale, number> & { selected: number };
  gwet: { ac1: number; ac2Linear: number; ac2Quadratic: number };
  /** Human-readable notes on degenerate inputs and the conventions used for them. */
  notes: string[];
}

/** Cohen's kappa of two rater columns in all weightings. */
export function cohenSummary(m: RatingsMatrix, i: number, j: number, names: readonly string[]): CohenSummary {
  const a = raterColumn(m, i);
  const b = raterColumn(m, j);
  const q = m.levels.length;
  const u: CohenKappa = cohenKappa(a, b, q, 'unweighted');
  const l = cohenKappa(a, b, q, 'linear');
  const s = cohenKappa(a, b, q, 'quadratic');
  return {
    raters: [names[i], names[j]],
    kappa: u.kappa,
    linear: l.kappa,
    quadratic: s.kappa,
    ase: u.ase,
    ci95: u.ci95,
    ase0: u.ase0,
    z: u.z,
    aseLinear: l.ase,
    ci95Linear: l.ci95,
    ase0Linear: l.ase0,
    zLinear: l.z,
    aseQuadratic: s.ase,
    ci95Quadratic: s.ci95,
    ase0Quadratic: s.ase0,
    zQuadratic: s.z,
    n: u.n,
    degenerate: u.degenerate,
  };
}

/** How many cases carry two or more ratings (the only ones agreement can be measured on). */
export function casesWithTwoRatings(m: RatingsMatrix): number {
  let n = 0;
  for (let i = 0; i < m.cases; i++) {
    let rated = 0;
    for (let j = 0; j < m.raters && rated < 2; j++) if (m.codes[i * m.raters + j] !== MISSING) rated++;
    if (rated >= 2) n++;
  }
  return n;
}

/** Computes every coefficient; `scale` picks krippendorff.selected. Rater pairs with no common case are skipped. */
export function agreementSummary(m: RatingsMatrix, raterNames: readonly string[], scale: AlphaScale = 'ordinal'): AgreementSummary {
  if (raterNames.length !== m.raters) throw new RangeError(`${raterNames.length} rater names for ${m.raters} raters`);
  if (m.raters < 2) throw new RangeError(`agreement needs at least two raters, got ${m.raters}`);
  if (casesWithTwoRatings(m) === 0) {
    throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `no case has two or more ratings (${m.cases} cases, ${m.raters} raters): agreement needs at least one case rated twice`, { field: 'ratings' });
  }
  const notes: string[] = [];
  const pairwise: CohenSummary[] = [];
  for (let i = 0; i < m.raters; i++) {
    for (let j = i + 1; j < m.raters; j++) {
      try {
        pairwise.push(cohenSummary(m, i, j, raterNames));
      } catch {
        notes.push(`raters "${raterNames[i]}" and "${raterNames[j]}" rated no case in common: no Cohen's kappa for this pair`);
      }
    }
  }
  const fleiss = fleissKappa(m);
  const alpha = Object.fromEntries(ALPHA_SCALES.map((s) => [s, krippendorffAlpha(m, s)])) as Record<AlphaScale, ReturnType<typeof krippendorffAlpha>>;
  const ac1 = gwetAc(m, 'unweighted');
  const ac2l = gwetAc(m, 'linear');
  const ac2q = gwetAc(m, 'quadratic');
  if (pairwise.some((p) => p.degenerate)) notes.push('Cohen\'s kappa: both raters used one and the same level throughout (pe = 1); reported as kappa = 1, ase = 0, z = null.');
  if (fleiss.degenerate) notes.push('Fleiss\' kappa: every rating is in one level (pe = 1); reported as 1.');
  if (alpha.nominal.degenerate) notes.push('Krippendorff\'s alpha: all pairable values are identical (De = 0); reported as 1.');
  if (ac1.degenerate) notes.push('Gwet\'s AC: only one level is declared; reported as 1.');
  return {
    levels: [...m.levels],
    scale,
    raters: [...raterNames],
    cases: m.cases,
    percentAgreement: percentAgreement(m).percent,
    cohen: m.raters === 2 ? (pairwise[0] ?? null) : null,
    pairwise,
    fleiss: { kappa: fleiss.kappa, z: fleiss.z },
    krippendorff: {
      nominal: alpha.nominal.alpha,
      ordinal: alpha.ordinal.alpha,
      interval: alpha.interval.alpha,
      ratio: alpha.ratio.alpha,
      selected: alpha[scale].alpha,
    },
    gwet: { ac1: ac1.coefficient, ac2Linear: ac2l.coefficient, ac2Quadratic: ac2q.coefficient },
    notes,
  };
}

/** One row of an `agreement` result document (docs/result-documents.md). */
export interface AgreementRow extends Record<string, unknown> {
  statistic: 'percent_agreement' | 'cohen_kappa' | 'fleiss_kappa' | 'krippendorff_alpha' | 'gwet_ac1' | 'gwet_ac2';
  variant: string;
  raters: string;
  value: number;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

/** Flattens a summary into result-document rows. */
export function agreementRows(s: AgreementSummary): AgreementRow[] {
  const all = s.raters.join(',');
  const row = (statistic: AgreementRow['statistic'], variant: string, raters: string, value: number, se: number | null = null, ci: [number, number] | null = null): AgreementRow => ({
    statistic,
    variant,
    raters,
    value,
    se,
    ciLow: ci ? ci[0] : null,
    ciHigh: ci ? ci[1] : null,
  });
  // Rows share one 0-1 scale (the report draws them on one axis), so percent agreement is a proportion here.
  const rows: AgreementRow[] = [row('percent_agreement', 'unweighted', all, s.percentAgreement / 100)];
  for (const p of s.pairwise) {
    const pair = p.raters.join(',');
    rows.push(row('cohen_kappa', 'unweighted', pair, p.kappa, p.ase, p.ci95));
    rows.push(row('cohen_kappa', 'linear', pair, p.linear, p.aseLinear, p.ci95Linear));
    rows.push(row('cohen_kappa', 'quadratic', pair, p.quadratic, p.aseQuadratic, p.ci95Quadratic));
  }
  rows.push(row('fleiss_kappa', 'unweighted', all, s.fleiss.kappa));
  for (const scale of ALPHA_SCALES) rows.push(row('krippendorff_alpha', scale, all, s.krippendorff[scale]));
  rows.push(row('gwet_ac1', 'unweighted', all, s.gwet.ac1));
  rows.push(row('gwet_ac2', 'linear', all, s.gwet.ac2Linear));
  rows.push(row('gwet_ac2', 'quadratic', all, s.gwet.ac2Quadratic));
  return rows;
}
