/** Fails unless |actual - expected| <= atol (a NaN, null or non-number actual always fails). */
export function assertClose(actual: unknown, expected: number, atol: number, label = ''): void {
  if (typeof actual !== 'number' || !Number.isFinite(actual) || Math.abs(actual - expected) > atol) {
    throw new Error(`${label}: expected ${expected} ± ${atol}, got ${String(actual)}${typeof actual === 'number' ? ` (off by ${Math.abs(actual - expected)})` : ''}`);
  }
}
