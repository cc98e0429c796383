import { readFileSync, existsSync } from 'node:fs';
import { ERROR_CODES, EvalkitError } from '../errors';
import {
  parseJson,
  parseResultDocument,
  serializeResultDocument,
  validateResultDocument,
  validateResultDocumentOfKind,
  type KindDocument,
  type ResultDocument,
} from '../result-document';
import type { ResultKind } from '../schemas';
import { writeFileAtomic } from './atomic-write';

function readText(path: string): string {
  if (!existsSync(path)) throw new EvalkitError(ERROR_CODES.FILE_NOT_FOUND, 'no such file', { file: path });
  return readFileSync(path, 'utf8');
}

/** Reads and validates a result document file; errors name the file and field. */
export function readResultDocument(path: string): ResultDocument;
/** Reads a result document that must be of `kind`, typed by the kind's schema (`hint`: how to write one). */
export function readResultDocument<K extends ResultKind>(path: string, kind: K, hint?: string): KindDocument<K>;
export function readResultDocument(path: string, kind?: ResultKind, hint?: string): ResultDocument | KindDocument<ResultKind> {
  if (kind === undefined) return parseResultDocument(readText(path), path);
  return validateResultDocumentOfKind(parseJson(readText(path), path), kind, path, hint);
}

/**
 * Writes a result document atomically (temporary file, then rename), after checking it against
 * its kind's schema: nothing is written that a reader would refuse.
 */
export function writeResultDocument(path: string, doc: ResultDocument<unknown, unknown, unknown>): void {
  validateResultDocument(JSON.parse(serializeResultDocument(doc)), path);
  writeFileAtomic(path, serializeResultDocument(doc));
}
