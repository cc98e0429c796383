import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import type { MetricMeans } from '@evalkit/recon-metrics';
import type { EvaluatedPairRow, FailedPairRow, MediaInfo, PairRow } from './pair';

const MEAN_KEYS = ['psnr', 'psnrPooled', 'ssim', 'msssim', 'flicker'] as const;

/**
 * A number from a row as JSON carries it: result documents spell non-finite values as strings
 * ("Infinity" for an identical pair's PSNR).
 */
function numberFrom(value: unknown, where: string): number {
  if (typeof value === 'number') return value;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  if (value === 'NaN') return NaN;
  // null is what JSON.stringify makes of Infinity and NaN alike: refuse rather than guess
  throw new EvalkitError(ERROR_CODES.INVALID_DOCUMENT, 'expected a number ("Infinity", "-Infinity" or "NaN" for non-finite values; encodePairRow writes them so)', { field: where, value });
}

/** Metric means with keys in one fixed order and only those present, so equal means serialise equally. */
export function canonicalMeans(means: object, where = 'metrics'): MetricMeans {
  const m = means as Record<string, unknown>;
  const out: MetricMeans = {};
  for (const key of MEAN_KEYS) {
    if (m[key] !== undefined) out[key] = numberFrom(m[key], `${where}.${key}`);
  }
  return out;
}

function mediaOf(value: unknown): MediaInfo {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  // sorted keys: metadata read on different machines or carried through JSON serialises the same
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * A row rebuilt with its fields in one order (and non-finite numbers restored), whatever produced
 * it: evaluatePair in this process, a worker thread, a journal line, a shard document or a queue
 * job's JSON. Refuses a value that is not a row, naming `where`.
 */
export function canonicalRow(value: unknown, where = 'row'): PairRow {
  if (value === null || typeof value !== 'object') throw new EvalkitError(ERROR_CODES.INVALID_DOCUMENT, 'expected a row object', { field: where, value });
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || v.id === '') throw new EvalkitError(ERROR_CODES.INVALID_DOCUMENT, 'a row needs a string id', { field: `${where}.id`, value: v.id });
  if (v.status === 'failed') {
    const error = (v.error ?? {}) as Record<string, unknown>;
    const row: FailedPairRow = { id: v.id, status: 'failed', error: { code: String(error.code ?? ERROR_CODES.INVALID_INPUT), message: String(error.message ?? '') } };
    return row;
  }
  if (v.status !== 'ok') throw new EvalkitError(ERROR_CODES.INVALID_DOCUMENT, 'status must be "ok" or "failed"', { field: `${where}.status`, value: v.status });
  if (typeof v.frames !== 'number' || !Number.isInteger(v.frames) || v.frames < 1) {
    throw new EvalkitError(ERROR_CODES.INVALID_DOCUMENT, 'frames must be a positive integer', { field: `${where}.frames`, value: v.frames });
  }
  const media = (v.media ?? {}) as Record<string, unknown>;
  const row: EvaluatedPairRow = {
    id: v.id,
    status: 'ok',
    frames: v.frames,
    metrics: canonicalMeans((v.metrics ?? {}) as Record<string, unknown>, `${where}.metrics`),
    ...(v.baseline !== undefined ? { baseline: canonicalMeans(v.baseline as Record<string, unknown>, `${where}.baseline`) } : {}),
    media: { ref: mediaOf(media.ref), test: mediaOf(media.test), ...(media.baseline !== undefined ? { baseline: mediaOf(media.baseline) } : {}) },
  };
  return row;
}

/** A row as one line of JSON that keeps non-finite numbers (for journals and job queues). */
export function encodePairRow(row: PairRow): string {
  return JSON.stringify(canonicalRow(row), (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
}

/** The row of encodePairRow's text. */
export function decodePairRow(text: string, where = 'row'): PairRow {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new EvalkitError(ERROR_CODES.INVALID_DOCUMENT, `not valid JSON: ${(error as Error).message}`, { field: where });
  }
  return canonicalRow(value, where);
}

/** An error about a row, re-issued naming the file (a shard document, a journal) it was read from. */
export function inFile<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof EvalkitError && error.file === undefined) {
      throw new EvalkitError(error.code, error.message, { file }, { cause: error });
    }
    throw error;
  }
}
