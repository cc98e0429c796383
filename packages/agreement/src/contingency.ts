import { MISSING } from './levels';

/**
 * q x q contingency table (row-major; rows = first rater) of two raters' codes. Cases where either
 * rating is missing are dropped (listwise, as R irr and scikit-learn do), never counted as a level.
 */
export function contingencyTable(a: Int32Array, b: Int32Array, q: number): Float64Array {
  if (a.length !== b.length) throw new RangeError(`raters have ${a.length} and ${b.length} ratings; they must rate the same cases`);
  const table = new Float64Array(q * q);
  for (let i = 0; i < a.length; i++) {
    if (a[i] === MISSING || b[i] === MISSING) continue;
    table[a[i] * q + b[i]] += 1;
  }
  return table;
}

/** A q x q table given as nested arrays, flattened row-major. */
export function flattenTable(table: readonly (readonly number[])[]): { table: Float64Array; q: number } {
  const q = table.length;
  const flat = new Float64Array(q * q);
  table.forEach((row, i) => {
    if (row.length !== q) throw new RangeError(`table row ${i} has ${row.length} cells, expected ${q} (the table must be square)`);
    row.forEach((v, j) => {
      if (!Number.isFinite(v) || v < 0) throw new RangeError(`table[${i}][${j}] must be a non-negative count, got ${v}`);
      flat[i * q + j] = v;
    });
  });
  return { table: flat, q };
}
