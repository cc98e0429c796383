/** Shown for a value the document does not have. */
export const MISSING = '—';

/** A number with fixed decimals; non-finite values as ∞ / −∞ / NaN, null as a dash. */
export function fixed(value: number | null | undefined, digits: number): string {
  if (value === null || value === undefined) return MISSING;
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '−∞';
  return value.toFixed(digits);
}

/** A number with `digits` significant digits, without exponent notation for table-sized values. */
export function significant(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return fixed(value, 0);
  if (value === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return value.toFixed(Math.min(decimals, 8));
}

/** A fraction (0..1) as a percentage with one decimal. */
export function percentOf(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined) return MISSING;
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(1)}%` : fixed(fraction, 0);
}

/** An interval "[low, high]"; a dash when either end is missing. */
export function interval(low: number | null | undefined, high: number | null | undefined, digits: number): string {
  if (low === null || low === undefined || high === null || high === undefined) return MISSING;
  return `[${fixed(low, digits)}, ${fixed(high, digits)}]`;
}

/** Mark after a value measured unstable (CV above 10% or interval wider than its target). */
export const UNSTABLE_MARK = '†';

/** What the mark means, for captions. */
export const UNSTABLE_NOTE = '† unstable when measured: CV above 10% or 95% interval wider than its target (±5% by default).';

/**
 * A value with its 95% interval as a paper prints it, `9.6 [8.9, 10.3]`, joined by a thin space
 * (LaTeX `9.6\,[8.9, 10.3]`); the value alone when there is no interval.
 */
export function withInterval(value: number | null | undefined, ci: readonly [number, number] | null | undefined, digits: number, unstable = false): string {
  const head = fixed(value, digits);
  const mark = unstable ? UNSTABLE_MARK : '';
  return ci && head !== MISSING ? `${head}\u2009[${fixed(ci[0], digits)}, ${fixed(ci[1], digits)}]${mark}` : `${head}${mark}`;
}
