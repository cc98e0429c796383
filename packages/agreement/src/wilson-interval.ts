import { normalQuantileTwoSided } from './normal';

/**
 * Wilson score interval for a binomial proportion x/n (Wilson 1927), clamped to [0, 1].
 * Proportions, not percent. n = 0 gives the uninformative [0, 1].
 */
export function wilsonInterval(x: number, n: number, confidence = 0.95): [number, number] {
  if (!Number.isInteger(x) || !Number.isInteger(n) || x < 0 || n < 0 || x > n) throw new RangeError(`wilsonInterval needs integers 0 <= x <= n, got x=${x}, n=${n}`);
  if (n === 0) return [0, 1];
  const z = normalQuantileTwoSided(confidence);
  const p = x / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At x = 0 or x = n the bound is exactly 0 or 1; rounding would otherwise leave 1e-17.
  return [x === 0 ? 0 : Math.max(0, centre - half), x === n ? 1 : Math.min(1, centre + half)];
}
