import { z } from 'zod';

/**
 * A number as documents carry it. JSON has no Infinity or NaN, so serializeResultDocument writes
 * them as the strings "Infinity", "-Infinity" and "NaN"; this accepts both forms and always gives a
 * number back, so writers (which hold real numbers) and readers (which see the strings) share it.
 */
export const numberValue = z.union(
  [z.number(), z.nan(), z.literal([Infinity, -Infinity]), z.enum(['Infinity', '-Infinity', 'NaN']).transform(Number)],
  { error: 'expected a number (or "Infinity", "-Infinity", "NaN")' },
);

/** A number, or null where the value does not exist (no ceiling measured, no paper value). */
export const nullableNumber = numberValue.nullable();

/** A field tools may leave out or write as null; readers see null in both cases where they draw it. */
export const optionalNumber = numberValue.nullish();

/** A string, or null. */
export const nullableString = z.string().nullable();

/** Free-form configuration: each kind declares the fields readers use, others pass through. */
export const looseRecord = z.record(z.string(), z.unknown());
