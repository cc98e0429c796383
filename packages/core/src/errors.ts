/** Stable error codes: scripts may match on these, so never rename one. */
export const ERROR_CODES = {
  INVALID_DOCUMENT: 'EVK_INVALID_DOCUMENT',
  UNKNOWN_SCHEMA: 'EVK_UNKNOWN_SCHEMA',
  INVALID_INPUT: 'EVK_INVALID_INPUT',
  INVALID_ARGUMENT: 'EVK_INVALID_ARGUMENT',
  FILE_NOT_FOUND: 'EVK_FILE_NOT_FOUND',
  UNSUPPORTED: 'EVK_UNSUPPORTED',
  MISMATCH: 'EVK_MISMATCH',
  RUNTIME: 'EVK_RUNTIME',
  INTERRUPTED: 'EVK_INTERRUPTED',
} as const;

/** One of the stable codes in ERROR_CODES. */
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** Where an error was found: the file, the field inside it (a dotted path) and the value seen there. */
export interface ErrorLocation {
  file?: string;
  field?: string;
  value?: unknown;
}

/** Renders a value for an error message: short, and unambiguous about strings vs numbers. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : typeof value === 'bigint' ? `${value}n` : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/**
 * The one error type every evalkit tool throws for a user's mistake or a failed input.
 * The message always names what it can of file, field and value so a user can fix the input
 * without reading code.
 */
export class EvalkitError extends Error {
  readonly code: ErrorCode;
  readonly file?: string;
  readonly field?: string;
  readonly value?: unknown;

  constructor(code: ErrorCode, problem: string, location: ErrorLocation = {}, options?: { cause?: unknown }) {
    const parts: string[] = [];
    if (location.file !== undefined) parts.push(location.file);
    if (location.field !== undefined) parts.push(`field "${location.field}"`);
    if ('value' in location) parts.push(`value ${describeValue(location.value)}`);
    super(parts.length > 0 ? `${parts.join(', ')}: ${problem}` : problem, options);
    this.name = 'EvalkitError';
    this.code = code;
    this.file = location.file;
    this.field = location.field;
    this.value = location.value;
  }
}

/** True for an EvalkitError, optionally of one code. */
export function isEvalkitError(error: unknown, code?: ErrorCode): error is EvalkitError {
  return error instanceof EvalkitError && (code === undefined || error.code === code);
}
