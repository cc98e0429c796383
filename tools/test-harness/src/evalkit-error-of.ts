import { EvalkitError } from '@evalkit/core';

/** The EvalkitError `fn` throws; fails the test when it returns, or throws anything else. */
export function evalkitErrorOf(fn: () => unknown): EvalkitError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EvalkitError);
    return error as EvalkitError;
  }
  throw new Error('expected an EvalkitError, but nothing was thrown');
}

/** The EvalkitError `promise` rejects with; fails the test when it resolves, or rejects with anything else. */
export async function evalkitRejectionOf(promise: Promise<unknown>): Promise<EvalkitError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(EvalkitError);
    return error as EvalkitError;
  }
  throw new Error('expected an EvalkitError, but the promise resolved');
}
