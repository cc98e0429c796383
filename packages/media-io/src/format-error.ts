import { ERROR_CODES, EvalkitError } from '@evalkit/core';

/** An EVK_INVALID_INPUT error naming the file (or FILE:KEY), the malformed field and the value seen. */
export function formatError(source: string, problem: string, field?: string, value?: unknown): EvalkitError {
  const location: { file: string; field?: string; value?: unknown } = { file: source };
  if (field !== undefined) location.field = field;
  if (value !== undefined) location.value = value;
  return new EvalkitError(ERROR_CODES.INVALID_INPUT, problem, location);
}
