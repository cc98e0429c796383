import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

const pending = new Set<string>();
let cleanupInstalled = false;

/** Removes temporary files of writes that were cut short (called on exit and on SIGINT/SIGTERM). */
export function removePendingTemporaryFiles(): void {
  for (const tmp of pending) rmSync(tmp, { force: true });
  pending.clear();
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
  installCleanup();
  mkdirSync(dirname(path), { recursive: true });
  const tmp = temporaryPathFor(path);
  pending.add(tmp);
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
    pending.delete(tmp);
  }
}
