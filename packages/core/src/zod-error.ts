import type { z } from 'zod';
import { ERROR_CODES, EvalkitError, type ErrorCode } from './errors';

/** A zod issue path in the form the error messages use: `results[3].medianMs`, `manifest.device.logicalCores`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

/** The value found at a path inside `root` (undefined when the path does not exist). */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/** Whether the path's last key is absent from its (existing) parent object. */
function isMissing(root: unknown, path: readonly PropertyKey[]): boolean {
  if (path.length === 0) return false;
  const parent = valueAt(root, path.slice(0, -1));
  return parent !== null && typeof parent === 'object' && !Array.isArray(parent) && !Object.prototype.hasOwnProperty.call(parent, path[path.length - 1]);
}

/** How to word the error made from a zod failure. */
export interface ZodErrorContext {
  /** The file (or other label) the value came from. */
  file: string;
  /** Error code; INVALID_INPUT unless given. */
  code?: ErrorCode;
  /** Prefix of the problem, e.g. "invalid result document: ". */
  prefix?: string;
  /** Problem for a field that is absent (default: "required field missing"). */
  missing?: string;
}

/**
 * The one conversion from a zod failure to an EvalkitError: the first issue, its path written as
 * `results[3].medianMs`, and the value found there in the input.
 */
export function evalkitErrorFromZod(error: z.ZodError, input: unknown, context: ZodErrorContext): EvalkitError {
  const issue = error.issues[0];
  const field = formatIssuePath(issue.path) || '(root)';
  const problem = isMissing(input, issue.path) ? (context.missing ?? 'required field missing') : `${context.prefix ?? ''}${issue.message}`;
  return new EvalkitError(context.code ?? ERROR_CODES.INVALID_INPUT, problem, { file: context.file, field, value: valueAt(input, issue.path) });
}
