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

/** Exit statuses of the evalkit command: 2 for a usage error, 1 for a failed input or run, 130 for Ctrl-C. */
export const EXIT_STATUS = { ok: 0, input: 1, usage: 2, interrupted: 130 } as const;

/** The exit status an error ends the command with: usage errors (a bad flag or argument) 2, interruptions 130, others 1. */
export function exitStatusFor(error: EvalkitError): number {
  if (error.code === ERROR_CODES.INVALID_ARGUMENT) return EXIT_STATUS.usage;
  if (error.code === ERROR_CODES.INTERRUPTED) return EXIT_STATUS.interrupted;
  return EXIT_STATUS.input;
}

const SYSTEM_PROBLEMS: Record<string, [ErrorCode, string]> = {
  ENOENT: [ERROR_CODES.FILE_NOT_FOUND, 'no such file or folder'],
  EISDIR: [ERROR_CODES.INVALID_ARGUMENT, 'is a folder, where a file was expected'],
  ENOTDIR: [ERROR_CODES.INVALID_ARGUMENT, 'a part of this path is a file, where a folder was expected'],
  EEXIST: [ERROR_CODES.INVALID_ARGUMENT, 'already exists and is not a folder'],
  ENOTEMPTY: [ERROR_CODES.INVALID_ARGUMENT, 'folder is not empty'],
  EACCES: [ERROR_CODES.INVALID_INPUT, 'permission denied'],
  EPERM: [ERROR_CODES.INVALID_INPUT, 'operation not permitted'],
  EROFS: [ERROR_CODES.INVALID_INPUT, 'read-only file system'],
  ENOSPC: [ERROR_CODES.RUNTIME, 'no space left on the device'],
  EMFILE: [ERROR_CODES.RUNTIME, 'too many open files'],
  ELOOP: [ERROR_CODES.INVALID_INPUT, 'too many levels of symbolic links'],
  ENAMETOOLONG: [ERROR_CODES.INVALID_ARGUMENT, 'file name too long'],
};

/**
 * The EvalkitError for a file-system error a user can cause (an output path naming a folder, a
 * missing file, a full disk), or undefined for anything else. It names the path, never a stack.
 */
export function fromSystemError(error: unknown): EvalkitError | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const e = error as NodeJS.ErrnoException & { dest?: string };
  if (typeof e.code !== 'string' || !(e.code in SYSTEM_PROBLEMS)) return undefined;
  const [code, problem] = SYSTEM_PROBLEMS[e.code];
  // rename(tmp, target) reports the temporary file as path; the user named the target.
  const file = e.dest ?? e.path;
  return new EvalkitError(code, `${problem} (${e.code}${e.syscall ? ` in ${e.syscall}` : ''})`, file !== undefined ? { file: String(file) } : {}, { cause: error });
}
