/**
 * Deterministic test data in [-1, 1): a 32-bit linear congruential sequence (Numerical Recipes'
 * constants), the same for every package's graph tests so a failing case reproduces anywhere.
 */
export function testData(n: number, seed = 1): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}
