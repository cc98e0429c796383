/**
 * Turns the published agreement cases in fixtures/htp/agreement-golden.json into ratings tables
 * (one row per case, one column per rater, null = missing) plus the checks each case implies, so
 * the library tests and the CLI tests run exactly the same cases.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Path of the golden file inside the repository (copied from the team's reference notes). */
export const GOLDEN_PATH = resolve(__dirname, '../../fixtures/htp/agreement-golden.json');

/** One expected value: a dotted path into the `evalkit agreement --json` object, the value, the tolerance. */
export interface GoldenCheck {
  path: string;
  expected: number;
  tolerance: number;
}

/** One agreement case as a ratings table. */
export interface GoldenRatingsCase {
  id: string;
  source: string;
  raters: string[];
  rows: (string | null)[][];
  /** Declared level order, or null to let evalkit infer it (numeric labels sort numerically). */
  levels: string[] | null;
  checks: GoldenCheck[];
}

/** Tolerance used when a case states none (its expected value is exact in the source). */
export const DEFAULT_TOLERANCE = 1e-9;

type Raw = Record<string, unknown> & { id: string; stat: string; expected: Record<string, unknown>; tolerance?: number; source: string };

function expandRuns(v: unknown): (string | number)[] {
  if (Array.isArray(v)) return v as (string | number)[];
  const runs = (v as { runs: [number, number][] }).runs;
  return runs.flatMap(([value, count]) => Array.from({ length: count }, () => value));
}

const COHEN_KEYS: Record<string, string> = {
  kappa: 'cohen.kappa',
  kappa_none: 'cohen.kappa',
  kappa_linear: 'cohen.linear',
  kappa_quadratic: 'cohen.quadratic',
  ase: 'cohen.ase',
  ase0: 'cohen.ase0',
  z: 'cohen.z',
  ci95: 'cohen.ci95',
  ase_linear: 'cohen.aseLinear',
  ase0_linear: 'cohen.ase0Linear',
  z_linear: 'cohen.zLinear',
  ci95_linear: 'cohen.ci95Linear',
  raters_2_3_unweighted: 'cohen.kappa',
  raters_2_3_unweighted_z: 'cohen.z',
  raters_2_3_linear: 'cohen.linear',
  raters_2_3_linear_z: 'cohen.zLinear',
  raters_2_3_quadratic: 'cohen.quadratic',
  raters_2_3_quadratic_z: 'cohen.zQuadratic',
};

/**
 * Checks whose published value has fewer digits than the case tolerance resolves. Only one:
 * fleiss-diagnoses z is printed by R irr as 17.65183 (7 significant digits, so it is only known to
 * ±5e-6), while the case tolerance 5e-7 was set for kappa = 0.4302445.
 */
export const PRINTED_PRECISION_OVERRIDES: Readonly<Record<string, number>> = { 'fleiss-diagnoses fleiss.z': 5e-6 };

/** Checks of a case, each with the case's tolerance (or a documented printed-precision override). */
function checksOf(c: Raw, map: (key: string) => string): GoldenCheck[] {
  const stated = c.tolerance ?? DEFAULT_TOLERANCE;
  const check = (path: string, expected: number) => ({ path, expected, tolerance: PRINTED_PRECISION_OVERRIDES[`${c.id} ${path}`] ?? stated });
  return Object.entries(c.expected).flatMap(([key, value]) => {
    const path = map(key);
    if (Array.isArray(value)) return value.map((v, i) => check(`${path}.${i}`, v as number));
    return [check(path, value as number)];
  });
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Every agreement case of the golden file (stats cohen_kappa, fleiss_kappa, krippendorff_alpha) as ratings tables. */
export function goldenRatingsCases(path = GOLDEN_PATH): GoldenRatingsCase[] {
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { cases: Raw[] };
  const out: GoldenRatingsCase[] = [];
  for (const c of doc.cases) {
    if (c.stat === 'cohen_kappa') {
      const map = (k: string) => {
        const p = COHEN_KEYS[k];
        if (!p) throw new Error(`golden case ${c.id}: no mapping for expected key ${k}`);
        return p;
      };
      if (c.table) {
        const table = c.table as number[][];
        const rows: (string | null)[][] = [];
        table.forEach((row, i) => row.forEach((n, j) => { for (let k = 0; k < n; k++) rows.push([String(i), String(j)]); }));
        out.push({ id: c.id, source: c.source, raters: ['A', 'B'], rows, levels: table.map((_, i) => String(i)), checks: checksOf(c, map) });
      } else if (c.ratings) {
        // irr-anxiety: subjects x 3 raters; the expected values are for raters 2 and 3.
        const ratings = c.ratings as number[][];
        out.push({ id: c.id, source: c.source, raters: ['rater2', 'rater3'], rows: ratings.map((r) => [str(r[1]), str(r[2])]), levels: null, checks: checksOf(c, map) });
      } else {
        const a = expandRuns(c.rater1);
        const b = expandRuns(c.rater2);
        out.push({ id: c.id, source: c.source, raters: ['A', 'B'], rows: a.map((v, i) => [str(v), str(b[i])]), levels: null, checks: checksOf(c, map) });
      }
    } else if (c.stat === 'fleiss_kappa') {
      const map = (k: string) => `fleiss.${k}`;
      if (c.ratings) {
        const ratings = c.ratings as number[][];
        out.push({ id: c.id, source: c.source, raters: ratings[0].map((_, j) => `r${j + 1}`), rows: ratings.map((r) => r.map(str)), levels: null, checks: checksOf(c, map) });
      } else {
        // Category counts per subject: expand into that many ratings (rater identity is irrelevant to Fleiss' kappa).
        const counts = c.counts as number[][];
        const m = counts[0].reduce((s, v) => s + v, 0);
        const rows = counts.map((row) => row.flatMap((n, k) => Array.from({ length: n }, () => String(k + 1))));
        out.push({ id: c.id, source: c.source, raters: Array.from({ length: m }, (_, j) => `r${j + 1}`), rows, levels: counts[0].map((_, k) => String(k + 1)), checks: checksOf(c, map) });
      }
    } else if (c.stat === 'krippendorff_alpha') {
      // Coders x units in the file; our tables are units x coders.
      const ratings = c.ratings as (string | number | null)[][];
      const units = ratings[0].length;
      const rows = Array.from({ length: units }, (_, u) => ratings.map((coder) => str(coder[u])));
      out.push({ id: c.id, source: c.source, raters: ratings.map((_, j) => `c${j + 1}`), rows, levels: null, checks: checksOf(c, (k) => `krippendorff.${k}`) });
    }
  }
  return out;
}

/** A golden case's ratings as wide CSV text (`case_id,<rater>...`; blank = missing). */
export function goldenCsv(c: GoldenRatingsCase): string {
  return [['case_id', ...c.raters].join(','), ...c.rows.map((r, i) => [`u${i + 1}`, ...r.map((v) => v ?? '')].join(','))].join('\n') + '\n';
}

/** Reads a dotted path ("cohen.ci95.0") out of a JSON value. */
export function atPath(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((acc, key) => (acc === null || acc === undefined ? undefined : (acc as Record<string, unknown>)[key]), value);
}

/** Wilson cases of the golden file. */
export function goldenWilsonCases(path = GOLDEN_PATH): { x: number; n: number; ci95: [number, number]; tolerance: number; source: string }[] {
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { cases: Raw[] };
  return doc.cases
    .filter((c) => c.stat === 'wilson_interval')
    .flatMap((c) => (c.cases as { x: number; n: number; ci95: [number, number] }[]).map((w) => ({ ...w, tolerance: c.tolerance ?? DEFAULT_TOLERANCE, source: c.source })));
}

/** The PsyDraw Table 1 case of the golden file. */
export function goldenTable1(path = GOLDEN_PATH): Raw {
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { cases: Raw[] };
  return doc.cases.find((c) => c.stat === 'distribution')!;
}
