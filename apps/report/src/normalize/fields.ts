import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import { MESSAGES } from '../messages';

/** Where a row sits: the file and the path of the row inside it, so field errors can name both. */
export interface FieldContext {
  file: string;
  kind: string;
  /** e.g. "results[3]" or "summary". */
  path: string;
}

type Row = Record<string, unknown>;

function fail(ctx: FieldContext, key: string, value: unknown, problem: string): never {
  throw new EvalkitError(ERROR_CODES.INVALID_DOCUMENT, problem, { file: ctx.file, field: `${ctx.path}.${key}`, value });
}

/** Documents write non-finite numbers as strings; this reads them back. */
function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  if (value === 'NaN') return NaN;
  return undefined;
}

/** A required number field (non-finite strings accepted). */
export function numberField(row: Row, key: string, ctx: FieldContext): number {
  const value = row[key];
  if (value === undefined) fail(ctx, key, value, MESSAGES.fieldMissing(ctx.kind));
  const n = asNumber(value);
  if (n === undefined) fail(ctx, key, value, MESSAGES.fieldNotNumber);
  return n;
}

/** An optional number field: absent or null gives null. */
export function optionalNumberField(row: Row, key: string, ctx: FieldContext): number | null {
  const value = row[key];
  if (value === undefined || value === null) return null;
  const n = asNumber(value);
  if (n === undefined) fail(ctx, key, value, MESSAGES.fieldNotNumber);
  return n;
}

/** A required string field. */
export function stringField(row: Row, key: string, ctx: FieldContext): string {
  const value = row[key];
  if (value === undefined) fail(ctx, key, value, MESSAGES.fieldMissing(ctx.kind));
  if (typeof value !== 'string') fail(ctx, key, value, MESSAGES.fieldNotString);
  return value;
}

/** An optional string field: absent or null gives null. */
export function optionalStringField(row: Row, key: string, ctx: FieldContext): string | null {
  const value = row[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') fail(ctx, key, value, MESSAGES.fieldNotString);
  return value;
}

/** An optional object field (e.g. a summary section). */
export function optionalObjectField(row: Row | undefined, key: string, ctx: FieldContext): Row | null {
  const value = row?.[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) fail(ctx, key, value, MESSAGES.fieldNotObject);
  return value as Row;
}

/** An optional array-of-objects field. */
export function optionalArrayField(row: Row | undefined, key: string, ctx: FieldContext): Row[] {
  const value = row?.[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(ctx, key, value, MESSAGES.fieldNotArray);
  return value.map((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) fail(ctx, `${key}[${i}]`, item, MESSAGES.fieldNotObject);
    return item as Row;
  });
}

/** A finite number or null: what figures can draw. */
export function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

/** An optional [low, high] interval of finite numbers (null when absent). */
export function optionalIntervalField(row: Row, key: string, ctx: FieldContext): [number, number] | null {
  const v = row[key];
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    throw new EvalkitError(ERROR_CODES.INVALID_DOCUMENT, 'expected an interval [low, high] of two finite numbers', { file: ctx.file, field: `${ctx.path}.${key}`, value: v });
  }
  return [v[0], v[1]];
}

/**
 * Ceiling fractions that hold: a fraction above 1 (a row faster than the ceiling it was compared
 * with, in documents written before ceilings were raised) raises the ceiling to that row, so every
 * fraction is divided by the largest one; returns the fractions and which rows were above.
 */
export function raiseCeiling(fractions: readonly (number | null)[]): { fractions: (number | null)[]; above: boolean[] } {
  const max = Math.max(1, ...fractions.filter((f): f is number => f !== null && Number.isFinite(f)));
  return { fractions: fractions.map((f) => (f === null || !Number.isFinite(f) ? f : f / max)), above: fractions.map((f) => f !== null && f > 1) };
}
