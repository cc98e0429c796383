import { InvalidArgumentError } from 'commander';

/** commander parser for a positive integer option. */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`expected a positive integer, got "${value}"`);
  return n;
}

/** commander parser for a non-negative integer option. */
export function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`expected a non-negative integer, got "${value}"`);
  return n;
}

/** commander parser for a positive number option. */
export function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`expected a positive number, got "${value}"`);
  return n;
}

/** commander parser for a comma-separated list; an empty list (--models "") is a usage error. */
export function commaList(value: string): string[] {
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (list.length === 0) throw new InvalidArgumentError(`expected a comma-separated list of at least one item, got "${value}"`);
  return list;
}

/** commander parser for "HxW" sizes such as 720x1280. */
export function sizeHxW(value: string): { height: number; width: number } {
  const m = /^(\d+)x(\d+)$/i.exec(value.trim());
  if (!m) throw new InvalidArgumentError(`expected HEIGHTxWIDTH such as 256x256, got "${value}"`);
  return { height: Number(m[1]), width: Number(m[2]) };
}

/** commander parser for a TCP port: 0 (any free port) to 65535. */
export function portNumber(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n > 65535) throw new InvalidArgumentError(`expected a port from 0 to 65535, got "${value}"`);
  return n;
}
