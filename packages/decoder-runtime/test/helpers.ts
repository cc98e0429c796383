import { isEvalkitError, type ErrorCode } from '@evalkit/core';
export * from '../src';

/** True when `error` is an EvalkitError with this code. */
export function isEvalkitErrorOfCode(error: unknown, code: string): boolean {
  return isEvalkitError(error, code as ErrorCode);
}
