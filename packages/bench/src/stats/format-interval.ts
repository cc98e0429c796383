import type { Interval } from './bootstrap';

/** Digits that keep three significant figures of `v` (at least `min`). */
function digitsFor(v: number, min = 0): number {
  const a = Math.abs(v);
  if (!(a > 0) || !Number.isFinite(a)) return Math.max(min, 2);
  return Math.max(min, Math.min(6, 2 - Math.floor(Math.log10(a))));
}

/** A value with its 95% interval, as a paper prints it: `9.6× [8.9, 10.3]` (suffix after the value only). */
export function formatWithInterval(value: number, interval: Interval | null, options: { suffix?: string; digits?: number } = {}): string {
  const d = options.digits ?? digitsFor(value);
  const head = `${value.toFixed(d)}${options.suffix ?? ''}`;
  return interval ? `${head} [${interval[0].toFixed(d)}, ${interval[1].toFixed(d)}]` : head;
}
