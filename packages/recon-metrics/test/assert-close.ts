/** Asserts |actual - expected| <= atol + rtol·|expected|; NaN against a number fails (onnxruntime js's assertClose). */
export function expectClose(actual: number, expected: number, tol: { atol: number; rtol?: number }, what = 'value'): void {
  const bound = tol.atol + (tol.rtol ?? 0) * Math.abs(expected);
  const ok = Number.isFinite(actual) && Number.isFinite(expected) ? Math.abs(actual - expected) <= bound : Object.is(actual, expected);
  if (!ok) throw new Error(`${what}: expected ${expected} ± ${bound}, got ${actual} (diff ${actual - expected})`);
}
