import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ERROR_CODES, EvalkitError } from '../errors';
import { forgetPendingPath, registerPendingPath } from './atomic-write';

/** The nearest existing ancestor of `path` (itself when it exists). */
function nearestExisting(path: string): string {
  let p = resolve(path);
  while (!existsSync(p)) {
    const up = dirname(p);
    if (up === p) break;
    p = up;
  }
  return p;
}

/**
 * Checks, before any work, that `path` can receive an output file: it is not a folder, and no
 * part of the way to it is a file. Errors name the flag and the path (usage error, exit 2).
 */
export function checkOutputFile(path: string, flag = '--out'): void {
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'is a folder; give the path of a file to write', { file: path, field: flag });
  }
  const parent = nearestExisting(dirname(resolve(path)));
  if (!statSync(parent).isDirectory()) {
    throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `cannot write here: ${parent} is a file, not a folder`, { file: path, field: flag });
  }
}

/** What a command writes into an output folder, so a rerun can tell its own files from a user's. */
export interface OutputFolderOptions {
  /** Whether a top-level entry of the folder (a file or folder name) is one this command writes. */
  owns: (name: string) => boolean;
  /** Replace a folder that holds other files too (they are kept; the command's own are replaced). */
  force?: boolean;
  /** The flag that named the folder, for error messages. */
  flag?: string;
}

/** A run's output folder being written: write into `staging`, then `commit()` (or `discard()`). */
export interface StagedOutputFolder {
  /** The folder the command gave. */
  readonly dir: string;
  /** A hidden sibling folder to write everything into. */
  readonly staging: string;
  /** Puts the staged files in place of the previous run's, all at once. */
  commit(): void;
  /** Removes the staged files (the previous run's folder stays as it was). */
  discard(): void;
}

function foreignEntries(dir: string, owns: (name: string) => boolean): string[] {
  return readdirSync(dir).filter((name) => !owns(name) && !/^\..+\.(tmp|staging|old)-\d+-[0-9a-f]+$/.test(name));
}

/**
 * Checks an output folder before a run and prepares a staging folder beside it. The folder may
 * be missing, empty, or hold only files this command writes (a previous run: they are all
 * replaced, so no stale frame or table survives); a folder with other files is refused unless
 * `force` (then only this command's files are replaced). A path naming a file is refused.
 * The staging folder is removed on exit or Ctrl-C if the run does not commit it, so a multi-file
 * output (a frame sequence) appears whole or not at all.
 */
export function stageOutputFolder(dir: string, options: OutputFolderOptions): StagedOutputFolder {
  const flag = options.flag ?? '--out';
  const target = resolve(dir);
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'exists and is not a folder; give a folder to write into', { file: dir, field: flag });
    const foreign = foreignEntries(target, options.owns);
    if (foreign.length > 0 && options.force !== true) {
      const shown = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? `, ... (${foreign.length} in all)` : '');
      throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `folder holds files this command did not write (${shown}); choose an empty or new folder, or pass --force to replace only this command's files`, { file: dir, field: flag });
    }
  } else {
    const parent = nearestExisting(dirname(target));
    if (!statSync(parent).isDirectory()) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `cannot write here: ${parent} is a file, not a folder`, { file: dir, field: flag });
  }
  const suffix = () => `${process.pid}-${randomBytes(4).toString('hex')}`;
  mkdirSync(dirname(target), { recursive: true });
  const staging = join(dirname(target), `.${basename(target)}.staging-${suffix()}`);
  mkdirSync(staging);
  registerPendingPath(staging);
  let settled = false;
  return {
    dir,
    staging,
    discard() {
      if (settled) return;
      settled = true;
      rmSync(staging, { recursive: true, force: true });
      forgetPendingPath(staging);
    },
    commit() {
      if (settled) throw new Error('output folder already committed or discarded');
      settled = true;
      if (!existsSync(target)) {
        renameSync(staging, target);
      } else if (foreignEntries(target, options.owns).length === 0) {
        // Swap whole folders: the old run disappears with its stale files, the new one appears at once.
        const old = join(dirname(target), `.${basename(target)}.old-${suffix()}`);
        registerPendingPath(old);
        renameSync(target, old);
        renameSync(staging, target);
        rmSync(old, { recursive: true, force: true });
        forgetPendingPath(old);
      } else {
        // --force over a folder with a user's files: keep theirs, replace ours.
        for (const name of readdirSync(target)) if (options.owns(name)) rmSync(join(target, name), { recursive: true, force: true });
        for (const name of readdirSync(staging)) renameSync(join(staging, name), join(target, name));
        rmSync(staging, { recursive: true, force: true });
      }
      forgetPendingPath(staging);
    },
  };
}
