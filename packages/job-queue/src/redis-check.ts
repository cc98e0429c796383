import { Redis } from 'ioredis';
import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import type { QueueLocation } from './queue-url';

/**
 * Connects once, pings and disconnects, so a wrong URL or a Redis that is down ends the command
 * with an error naming the URL within seconds (BullMQ alone would retry forever).
 */
export async function checkRedisReachable(location: QueueLocation, field = '--queue', timeoutMs = 5000): Promise<void> {
  // disconnectTimeout: ioredis otherwise keeps a refused socket's 2 s close timer, holding the process open.
  const client = new Redis({ ...location.connection, lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false, disconnectTimeout: 50 });
  // The event carries the socket's reason (ECONNREFUSED, ENOTFOUND); the rejected promise only says "Connection is closed".
  let cause: Error | undefined;
  client.on('error', (error: Error) => (cause ??= error));
  try {
    await client.connect();
    const info = await client.info('server');
    const version = /redis_version:(\d+)\.(\d+)/.exec(info);
    if (version && Number(version[1]) < 5) {
      throw new EvalkitError(ERROR_CODES.UNSUPPORTED, `Redis ${version[1]}.${version[2]} is too old for BullMQ (needs 5 or newer)`, { field, value: location.display });
    }
  } catch (error) {
    if (error instanceof EvalkitError) throw error;
    throw new EvalkitError(ERROR_CODES.RUNTIME, `cannot reach Redis: ${(cause ?? (error as Error)).message} (is redis-server running there? Debian package redis-server)`, { field, value: location.display });
  } finally {
    client.disconnect();
  }
}
