import { InvalidArgumentError } from 'commander';
import { availableParallelism } from 'node:os';

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

/**
 * The most threads a command starts: the logical cores of this machine. More only add memory and
 * contention (64 metric workers took 22 s and 1.3 GB for three 32x32 frames; 100000 ran out of memory).
 */
export function threadCap(): number {
  return Math.max(1, availableParallelism());
}

/** A --threads request clamped to threadCap(), with a note on stderr when it was lowered. */
export function clampThreads(requested: number, flag = '--threads'): number {
  const cap = threadCap();
  if (requested <= cap) return requested;
  process.stderr.write(`evalkit: note: ${flag} ${requested} lowered to ${cap}, the logical cores of this machine\n`);
  return cap;
}

/** The largest frame side (pixels) a command accepts: 16K video; sizes beyond only exhaust memory or time. */
export const MAX_FRAME_SIDE = 16384;

/** The most latent frames a command accepts (4T-3 decoders: 4093 output frames). */
export const MAX_LATENT_FRAMES = 1024;

/** The most output frames a command decodes: what a 4T-3 decoder gives at MAX_LATENT_FRAMES. */
export const MAX_OUTPUT_FRAMES = 4 * MAX_LATENT_FRAMES - 3;

/** commander parser for a count of output frames: a positive integer up to MAX_OUTPUT_FRAMES. */
export function outputFrameCount(value: string): number {
  const n = positiveInt(value);
  if (n > MAX_OUTPUT_FRAMES) throw new InvalidArgumentError(`${n} output frames is above the limit of ${MAX_OUTPUT_FRAMES}`);
  return n;
}

/** commander parser for a frame side in pixels: a positive integer up to MAX_FRAME_SIDE. */
export function frameSide(value: string): number {
  const n = positiveInt(value);
  if (n > MAX_FRAME_SIDE) throw new InvalidArgumentError(`${n} pixels is above the limit of ${MAX_FRAME_SIDE}`);
  return n;
}

/** commander parser for a count of latent frames: a positive integer up to MAX_LATENT_FRAMES. */
export function latentFrameCount(value: string): number {
  const n = positiveInt(value);
  if (n > MAX_LATENT_FRAMES) throw new InvalidArgumentError(`${n} latent frames is above the limit of ${MAX_LATENT_FRAMES}`);
  return n;
}

/** commander parser for a decoder's T,H,W compression such as 4,8,8. */
export function compressionList(value: string): [number, number, number] {
  const parts = value.split(',').map(Number);
  if (parts.length !== 3 || parts.some((p) => !Number.isInteger(p) || p <= 0)) throw new InvalidArgumentError(`expected T,H,W compression such as 4,8,8, got "${value}"`);
  return parts as [number, number, number];
}

/** commander collector for a repeatable option (--pair A:B --pair A:C). */
export function repeatable(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The most bootstrap resamples a command draws: 100x the paper's 10,000; more only add time. */
export const MAX_BOOTSTRAP_RESAMPLES = 1_000_000;

/** commander parser for a count of bootstrap resamples: 0 (off) up to MAX_BOOTSTRAP_RESAMPLES. */
export function bootstrapResamples(value: string): number {
  const n = nonNegativeInt(value);
  if (n > MAX_BOOTSTRAP_RESAMPLES) throw new InvalidArgumentError(`${n} resamples is above the limit of ${MAX_BOOTSTRAP_RESAMPLES}`);
  return n;
}
