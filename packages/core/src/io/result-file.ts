import { readFileSync, existsSync } from 'node:fs';
import { ERROR_CODES, EvalkitError } from '../errors';
import { parseResultDocument, serializeResultDocument, type ResultDocument } from '../result-document';
import { writeFileAtomic } from './atomic-write';

/** Reads and validates a result document file; errors name the file and field. */
export function readResultDocument(path: string): ResultDocument {
  if (!existsSync(path)) throw new EvalkitError(ERROR_CODES.FILE_NOT_FOUND, 'no such file', { file: path });
  return parseResultDocument(readFileSync(path, 'utf8'), path);
}

/** Writes a result document atomically (temporary file, then rename). */
export function writeResultDocument(path: string, doc: ResultDocument): void {
  writeFileAtomic(path, serializeResultDocument(doc));
}
