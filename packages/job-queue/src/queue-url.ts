import { ERROR_CODES, EvalkitError } from '@evalkit/core';

/** Where the queue's Redis is: what BullMQ and ioredis take as connection options. */
export interface QueueConnection {
  host: string;
  port: number;
  /** The Redis database number (the URL's path, /0 when absent). */
  db: number;
  username?: string;
  password?: string;
  /** rediss:// asks for TLS. */
  tls?: Record<string, never>;
}

/** A parsed --queue URL: the connection and the URL with any password masked, for messages and documents. */
export interface QueueLocation {
  connection: QueueConnection;
  display: string;
}

/**
 * Parses `redis://[user:password@]HOST[:PORT][/DB]` (or rediss:// for TLS), the form every
 * Redis client takes. A bad URL is a usage error naming the flag and the value.
 */
export function parseQueueUrl(url: string, field = '--queue'): QueueLocation {
  const fail = (problem: string): never => {
    throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `${problem} (expected redis://HOST:PORT/DB, e.g. redis://127.0.0.1:6379/0)`, { field, value: url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@') });
  };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return fail('not a URL');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') fail(`unknown scheme "${parsed.protocol}"`);
  if (parsed.hostname === '') fail('no host');
  const port = parsed.port === '' ? 6379 : Number(parsed.port);
  const path = parsed.pathname.replace(/^\//, '');
  if (path !== '' && !/^\d+$/.test(path)) fail(`the path must be a database number, got "/${path}"`);
  const db = path === '' ? 0 : Number(path);
  if (parsed.search !== '' || parsed.hash !== '') fail('query strings and fragments are not used');
  // IPv6 literals come back bracketed from URL; sockets want them bare.
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const connection: QueueConnection = { host, port, db };
  if (parsed.username !== '') connection.username = decodeURIComponent(parsed.username);
  if (parsed.password !== '') connection.password = decodeURIComponent(parsed.password);
  if (parsed.protocol === 'rediss:') connection.tls = {};
  const auth = parsed.username !== '' || parsed.password !== '' ? `${parsed.username}${parsed.password !== '' ? ':***' : ''}@` : '';
  return { connection, display: `${parsed.protocol}//${auth}${parsed.host}/${db}` };
}
