import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync, openSync, fsyncSync, closeSync, existsSync, statSync } from 'node:fs';
import { dirname, basename, join, resolve } from 'node:path';
import { ERROR_CODES, EvalkitError } from '../errors';

const pending = new Set<string>();
let cleanupInstalled = false;
let supervised = false;

/** Called once by the evalkit command when it runs under its supervisor: report temporary paths to it. */
export function reportPendingPathsToSupervisor(): void {
  supervised = typeof process.send === 'function';
}

/**
 * When the evalkit command runs under its supervisor (bin/evalkit.js), the supervisor is told
 * about every temporary path too: if this process is stuck in synchronous work when Ctrl-C
 * arrives, the supervisor kills it and removes them itself.
 */
function tellSupervisor(op: 'add' | 'remove', path: string): void {
  if (!supervised || typeof process.send !== 'function' || !process.connected) return;
  try {
    process.send({ evalkitPending: op, path: resolve(path) });
  } catch {
    // the supervisor is gone; nothing to tell
  }
}

/** Removes temporary files and folders of writes that were cut short (called on exit and on SIGINT/SIGTERM). */
export function removePendingTemporaryFiles(): void {
  for (const tmp of pending) rmSync(tmp, { force: true, recursive: true });
  pending.clear();
}

/** Marks a temporary file or folder to be removed if the process ends before it is renamed into place. */
export function registerPendingPath(path: string): void {
  installCleanup();
  pending.add(path);
  tellSupervisor('add', path);
}

/** The temporary path was renamed into place or removed: nothing left to clean up. */
export function forgetPendingPath(path: string): void {
  pending.delete(path);
  tellSupervisor('remove', path);
}

function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', removePendingTemporaryFiles);
}

/** Name of the temporary sibling used while writing `path`; exported so tests can look for leftovers. */
export function temporaryPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/**
 * Writes `data` to `path` so that readers see either the old file or the whole new one, never a
 * prefix: the bytes go to a temporary sibling (same directory, so the rename cannot cross file
 * systems), are flushed, and the temporary file is renamed over the target.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'is a folder; give the path of a file to write', { file: path });
  }
  mkdirSync(dirname(path), { recursive: true });
  const tmp = temporaryPathFor(path);
  registerPendingPath(tmp);
  try {
    writeFileSync(tmp, data);
    const fd = openSync(tmp, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  } finally {
    forgetPendingPath(tmp);
  }
}
