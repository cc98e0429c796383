/** An absolute tolerance, or an absolute plus a relative one: |actual − expected| ≤ atol + rtol·|expected|. */
export type Tolerance = number | { atol: number; rtol?: number };

const isNumber = (v: unknown): v is number => typeof v === 'number';

function bound(tolerance: unknown, expected: number, label: string): number {
  const t = isNumber(tolerance) ? { atol: tolerance, rtol: 0 } : (tolerance as { atol?: unknown; rtol?: unknown } | null | undefined);
  const atol = t?.atol;
  const rtol = t?.rtol ?? 0;
  // A missing or NaN tolerance would make every comparison pass (x > NaN is false): refuse it.
  if (!isNumber(atol) || !isNumber(rtol) || !(atol >= 0) || !(rtol >= 0) || !Number.isFinite(atol) || !Number.isFinite(rtol)) {
    throw new Error(`${label}: the tolerance is ${JSON.stringify(tolerance) ?? String(tolerance)}, not a finite non-negative number`);
  }
  return atol + rtol * Math.abs(expected);
}

/**
 * Fails unless `actual` is within `tolerance` of `expected`. A missing or NaN expected value, a
 * missing or NaN tolerance, and a NaN, null or non-number actual value always fail. An infinite
 * expected value (PSNR of identical images) needs the same infinity.
 */
export function assertClose(actual: unknown, expected: unknown, tolerance: Tolerance, label = 'value'): void {
  if (!isNumber(expected) || Number.isNaN(expected)) throw new Error(`${label}: no expected value (got ${String(expected)}); a reference without a number cannot pass`);
  const limit = bound(tolerance, expected, label);
  if (!isNumber(actual) || Number.isNaN(actual)) throw new Error(`${label}: expected ${expected} ± ${limit}, got ${String(actual)}`);
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) {
    if (!Object.is(actual, expected)) throw new Error(`${label}: expected ${expected}, got ${actual}`);
    return;
  }
  const diff = Math.abs(actual - expected);
  if (!(diff <= limit)) throw new Error(`${label}: expected ${expected} ± ${limit}, got ${actual} (off by ${diff})`);
}

/** Reads a dotted path ("cohen.ci95.0") out of a JSON value; undefined when any step is missing. */
export function atPath(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((acc, key) => (acc === null || acc === undefined ? undefined : (acc as Record<string, unknown>)[key]), value);
}

/**
 * assertClose at each dotted path of `actual` against the same path of `expected`. A path missing
 * from `expected` fails (a reference that lost a key must not pass silently), as does an empty path list.
 */
export function assertClosePaths(actual: unknown, expected: unknown, paths: readonly string[], tolerance: Tolerance, label = ''): void {
  if (paths.length === 0) throw new Error(`${label}: no paths to compare`);
  for (const path of paths) {
    const want = atPath(expected, path);
    if (want === undefined) throw new Error(`${label} ${path}: the expected values have no "${path}"`);
    assertClose(atPath(actual, path), want, tolerance, `${label} ${path}`.trim());
  }
}

/** Elementwise assertClose of two arrays of equal length; reports the worst element. */
export function assertAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: Tolerance, label = 'array'): void {
  if (actual.length !== expected.length) throw new Error(`${label}: expected ${expected.length} values, got ${actual.length}`);
  if (expected.length === 0) throw new Error(`${label}: no expected values`);
  for (let i = 0; i < expected.length; i++) assertClose(actual[i], expected[i], tolerance, `${label}[${i}]`);
}
