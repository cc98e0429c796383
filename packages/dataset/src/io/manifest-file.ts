import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import { parseManifest } from '../manifest';
import type { DatasetPair } from '../pair';

/** Reads a manifest CSV (`id,ref,test[,baseline]`); relative paths are relative to the manifest's folder. */
export function readManifest(path: string): DatasetPair[] {
  const file = resolve(path);
  if (!existsSync(file)) throw new EvalkitError(ERROR_CODES.FILE_NOT_FOUND, 'no such manifest', { file: path });
  if (statSync(file).isDirectory()) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'is a folder: a manifest is a CSV file with columns id,ref,test (use --ref-dir/--test-dir for folders)', { file: path });
  return parseManifest(readFileSync(file, 'utf8'), path, dirname(file));
}
