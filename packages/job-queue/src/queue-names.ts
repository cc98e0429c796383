import { ERROR_CODES, EvalkitError } from '@evalkit/core';

/** The queue every worker takes dataset pairs from (any machine can evaluate any pair). */
export const PAIRS_QUEUE = 'evalkit-pairs';

/** The queue that holds one parent job per producer run; no worker takes from it (its children's results collect there). */
export const RUNS_QUEUE = 'evalkit-runs';

/** The key prefix of every evalkit queue in Redis (BullMQ's default is "bull"). */
export const KEY_PREFIX = 'evalkit';

const LABEL = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Checks a device label (letters, digits, . _ -; up to 64): it becomes part of a queue name. */
export function checkDeviceLabel(label: string, field = '--device'): string {
  if (!LABEL.test(label)) {
    throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'a device label is 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit', { field, value: label });
  }
  return label;
}

/**
 * The queue of benchmark jobs meant for one device. One queue per label is how BullMQ routes:
 * a worker only ever takes jobs from the queues it listens to, so a job for "h200" waits until
 * a worker started with --device h200 takes it.
 */
export function benchQueueName(device: string): string {
  return `evalkit-bench-${checkDeviceLabel(device)}`;
}
