import { randomBytes, timingSafeEqual } from 'node:crypto';
import { networkInterfaces } from 'node:os';

/** Whether a bind address only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** A fresh one-time token: 128 random bits, URL-safe. */
export function createToken(): string {
  return randomBytes(16).toString('base64url');
}

/** Constant-time comparison, so a wrong token's timing says nothing about the right one. */
export function tokenMatches(expected: string | null, given: string | null): boolean {
  if (expected === null) return true;
  if (given === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

const hostPort = (name: string, port: number) => `${name.includes(':') && !name.startsWith('[') ? `[${name}]` : name}:${port}`.toLowerCase();

/**
 * The Host headers the server answers to: the loopback names, and when bound beyond loopback the
 * bind address and every address of this machine's interfaces. Anything else (a DNS-rebinding
 * page, a proxy under another name) is refused before any route runs.
 */
export function allowedHostHeaders(bindHost: string, port: number): Set<string> {
  const names = new Set(['localhost', '127.0.0.1', '::1']);
  if (!isLoopbackHost(bindHost)) {
    if (bindHost !== '0.0.0.0' && bindHost !== '::') names.add(bindHost);
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) names.add(a.address.replace(/%.*$/, ''));
  }
  return new Set([...names].map((n) => hostPort(n, port)));
}

/** Addresses a phone on the same network can try: this machine's non-internal IPv4 addresses. */
export function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => a.family === 'IPv4' && !a.internal)
    .map((a) => a.address);
}
