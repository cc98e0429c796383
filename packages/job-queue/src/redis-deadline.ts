import { Redis } from 'ioredis';
import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import type { QueueLocation } from './queue-url';

/** How long a producer waits for Redis to answer one call before it gives up (default of `redisTimeoutMs`). */
export const DEFAULT_REDIS_TIMEOUT_MS = 30_000;

/**
 * `call` if Redis answers within `ms`; otherwise, or if it fails, an EVK_RUNTIME error naming the
 * queue. BullMQ's client reconnects forever and holds the calls meanwhile, so a producer whose Redis
 * went away would otherwise wait for ever without a word.
 */
export async function redisAnswer<T>(call: Promise<T>, location: QueueLocation, ms: number, lastError?: () => Error | undefined, field = '--queue'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const why = lastError?.();
      reject(new EvalkitError(ERROR_CODES.RUNTIME, `Redis stopped answering for ${ms / 1000} s${why ? ` (${why.message})` : ''}; the run's jobs stay on the queue until it is back (is redis-server still running there?)`, { field, value: location.display }));
    }, ms);
  });
  try {
    return await Promise.race([call, deadline]);
  } catch (error) {
    if (error instanceof EvalkitError) throw error;
    throw new EvalkitError(ERROR_CODES.RUNTIME, `lost Redis: ${(error as Error).message}`, { field, value: location.display }, { cause: error });
  } finally {
    clearTimeout(timer);
    // The losing call may still settle (or fail) later: nobody awaits it then.
    call.catch(() => undefined);
  }
}

/**
 * One ioredis connection for a producer's BullMQ clients, owned by the producer: BullMQ's own
 * reconnects for ever and would keep the process alive after Redis went away; this one is ended
 * with `end()` whatever state it is in. `lastError()` is its last connection error (BullMQ would
 * otherwise print every failed reconnect with its stack).
 */
export function producerConnection(location: QueueLocation): { redis: Redis; lastError(): Error | undefined; end(): void } {
  const redis = new Redis({ ...location.connection, maxRetriesPerRequest: null });
  let last: Error | undefined;
  redis.on('error', (error: Error) => (last = error));
  return { redis, lastError: () => last, end: () => redis.disconnect() };
}

/** Closes BullMQ clients, but never waits more than `ms` on a Redis that is gone. */
export async function closeWithin(clients: readonly { close(): Promise<void> }[], ms = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(clients.map((c) => c.close().catch(() => undefined))), new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}
