import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ERROR_CODES, EvalkitError, writeFileAtomic } from '@evalkit/core';
import { opTypeProfile, type OpTypeTime } from '../session/op-type-profile';

/** A private folder and file prefix for onnxruntime's profiler, which names its own files. */
export function createProfilePrefix(): { dir: string; prefix: string } {
  const dir = mkdtempSync(join(tmpdir(), 'evalkit-ort-profile-'));
  return { dir, prefix: join(dir, 'ort') };
}

/**
 * Moves the Chrome-trace JSON that onnxruntime wrote under `dir` to `target` (atomically) and
 * removes the folder; returns the number of trace events, or null when no trace was written.
 */
export function collectProfile(dir: string, target: string): number | null {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  if (files.length === 0) {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  const text = readFileSync(join(dir, files.sort().at(-1)!), 'utf8');
  writeFileAtomic(target, text);
  rmSync(dir, { recursive: true, force: true });
  try {
    const events = JSON.parse(text) as unknown[];
    return Array.isArray(events) ? events.length : null;
  } catch {
    return null;
  }
}

/** Kernel time by operator type from a Chrome-trace profile onnxruntime wrote (see opTypeProfile). */
export function readOpTypeProfile(path: string): OpTypeTime[] {
  let events: unknown;
  try {
    events = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `cannot read the onnxruntime profile: ${(error as Error).message}`, { file: path });
  }
  if (!Array.isArray(events)) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'an onnxruntime profile is a JSON array of trace events', { file: path, field: '(root)', value: typeof events });
  return opTypeProfile(events);
}
