import { MISSING } from './levels';

/**
 * Ratings of `cases` by `raters` as level codes, row-major by case (`codes[case * raters + rater]`),
 * MISSING where a rater did not rate a case.
 */
export interface RatingsMatrix {
  /** Level names in ascending order. */
  levels: readonly string[];
  /** Number of cases (rows). */
  cases: number;
  /** Number of raters (columns). */
  raters: number;
  /** Codes, cases x raters, row-major. */
  codes: Int32Array;
}

/** Builds a RatingsMatrix from per-case rows of codes (MISSING allowed). */
export function ratingsFromRows(rows: readonly (readonly number[])[], levels: readonly string[]): RatingsMatrix {
  const raters = rows.length > 0 ? rows[0].length : 0;
  const codes = new Int32Array(rows.length * raters);
  rows.forEach((row, i) => {
    if (row.length !== raters) throw new RangeError(`row ${i} has ${row.length} ratings, expected ${raters}`);
    row.forEach((c, j) => {
      if (c !== MISSING && (!Number.isInteger(c) || c < 0 || c >= levels.length)) throw new RangeError(`row ${i} rater ${j}: code ${c} is not a level index`);
      codes[i * raters + j] = c;
    });
  });
  return { levels, cases: rows.length, raters, codes };
}

/** The codes of one rater (a column) as its own array. */
export function raterColumn(m: RatingsMatrix, rater: number): Int32Array {
  const out = new Int32Array(m.cases);
  for (let i = 0; i < m.cases; i++) out[i] = m.codes[i * m.raters + rater];
  return out;
}

/**
 * Per-case category counts (cases x q, row-major): how many raters put each case in each level.
 * Missing ratings are not counted, so rows may sum to different totals.
 */
export function categoryCounts(m: RatingsMatrix): Float64Array {
  const q = m.levels.length;
  const counts = new Float64Array(m.cases * q);
  for (let i = 0; i < m.cases; i++) {
    for (let j = 0; j < m.raters; j++) {
      const c = m.codes[i * m.raters + j];
      if (c !== MISSING) counts[i * q + c] += 1;
    }
  }
  return counts;
}
