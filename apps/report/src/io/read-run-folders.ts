import { readFileSync, readdirSync, realpathSync, statSync, existsSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { ERROR_CODES, EvalkitError, documentKind, validateResultDocument } from '@evalkit/core';
import { MESSAGES } from '../messages';
import type { LoadedDocument } from '../model';

/** What was read from the run folders: the documents, and JSON files skipped as not result documents. */
export interface ReadRunFoldersResult {
  documents: LoadedDocument[];
  skippedFiles: string[];
  /** The run folders read, each once (a folder given twice, or again through a link, counts once). */
  runDirs: string[];
}

/** Deep enough for `run/device/kind.json`; report outputs and dependencies are never documents. */
const MAX_DEPTH = 3;
const SKIPPED_DIRS = new Set(['node_modules', 'figures', 'tables']);

/**
 * The JSON files under `dir`, each real file once: `seen` holds the real paths of folders and files
 * already listed, so a symbolic-link loop or a folder reached twice adds nothing again.
 */
function listJsonFiles(dir: string, depth: number, seen: Set<string>): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const path = join(dir, name);
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      continue; // a dangling link
    }
    const stat = statSync(real);
    if (stat.isDirectory()) {
      if (depth < MAX_DEPTH && !SKIPPED_DIRS.has(name) && !seen.has(real)) {
        seen.add(real);
        out.push(...listJsonFiles(path, depth + 1, seen));
      }
    } else if (name.endsWith('.json') && !name.endsWith('.vl.json') && name !== 'report.json' && !seen.has(real)) {
      seen.add(real);
      out.push(path);
    }
  }
  return out;
}

/** Whether parsed JSON claims to be an evalkit result document (others, e.g. package files, are skipped). */
function claimsToBeDocument(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const schema = (value as Record<string, unknown>).schema;
  return typeof schema === 'string' && schema.startsWith('evalkit/');
}

/**
 * Reads every result document under each run folder (JSON files whose schema is "evalkit/...").
 * A document that claims to be one but does not validate is an error naming the file and field.
 */
export function readRunFolders(runDirs: readonly string[]): ReadRunFoldersResult {
  if (runDirs.length === 0) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, MESSAGES.noRunDirs);
  const documents: LoadedDocument[] = [];
  const skippedFiles: string[] = [];
  const distinctDirs: string[] = [];
  const seen = new Set<string>();
  for (const runDir of runDirs) {
    if (!existsSync(runDir)) throw new EvalkitError(ERROR_CODES.FILE_NOT_FOUND, MESSAGES.runDirMissing, { file: runDir });
    if (!statSync(runDir).isDirectory()) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, MESSAGES.runDirNotFolder, { file: runDir });
    const real = realpathSync(runDir);
    if (seen.has(real)) continue; // given twice, or inside a folder already read
    seen.add(real);
    distinctDirs.push(runDir);
    let found = 0;
    for (const file of listJsonFiles(runDir, 0, seen)) {
      const text = readFileSync(file, 'utf8');
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new EvalkitError(ERROR_CODES.INVALID_DOCUMENT, `not valid JSON: ${(error as Error).message}`, { file });
      }
      if (!claimsToBeDocument(value)) {
        skippedFiles.push(file);
        continue;
      }
      const document = validateResultDocument(value, file);
      documents.push({ file, runDir, kind: documentKind(document), document });
      found += 1;
    }
    if (found === 0) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, MESSAGES.noDocuments, { file: runDir });
  }
  return { documents, skippedFiles, runDirs: distinctDirs };
}

/** The file's path relative to its run folder, prefixed by the folder's name (for tables and the page). */
export function displayPath(file: string, runDir: string): string {
  return join(basename(runDir), relative(runDir, file));
}
