import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { readOutputRecords, type HtpOutput, type OutputReadOptions, type OutputSet, type RawOutput } from '../htp-output';
import { listOffending } from '@evalkit/agreement';
import { checkOutputBytes, checkOutputFileCount, OUTPUT_LIMITS } from './output-limits';

/**
 * Reads PsyDraw reports: a directory of one JSON file per drawing (case id = `case_id`/`id` field,
 * else the file name without .json, as PsyDraw names its result files), a JSONL file (one record per
 * line, each with `case_id` or `id`), or a JSON file holding one record or an array of records.
 * Every record is read as readOutputRecords says; with `options.lenient` the reports without an
 * opinion come back in `skipped`. Sizes are checked against OUTPUT_LIMITS before anything is read.
 */
export function readOutputSet(path: string, options: OutputReadOptions = {}): OutputSet {
  if (!existsSync(path)) throw new EvalkitError(ERROR_CODES.FILE_NOT_FOUND, 'no such file or directory', { file: path });
  const raw: RawOutput[] = [];
  const badJson: string[] = [];
  if (statSync(path).isDirectory()) {
    const files = readdirSync(path).filter((f) => f.toLowerCase().endsWith('.json')).sort();
    checkOutputFileCount(path, files.length);
    let total = 0;
    for (const f of files) {
      const bytes = statSync(join(path, f)).size;
      checkOutputBytes(join(path, f), bytes, OUTPUT_LIMITS.fileBytes, 'one report file');
      total += bytes;
    }
    checkOutputBytes(path, total, OUTPUT_LIMITS.totalBytes, 'the reports of a folder together');
    for (const f of files) {
      const full = join(path, f);
      try {
        raw.push({ value: JSON.parse(readFileSync(full, 'utf8')), source: full, fallbackId: basename(f, extname(f)) });
      } catch (error) {
        badJson.push(`${full}: ${(error as Error).message}`);
      }
    }
  } else {
    checkOutputBytes(path, statSync(path).size, OUTPUT_LIMITS.totalBytes, 'a reports file');
    const text = readFileSync(path, 'utf8');
    if (text.trim() === '') throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'empty file: no output records', { file: path });
    if (path.toLowerCase().endsWith('.jsonl') || path.toLowerCase().endsWith('.ndjson')) {
      text.split(/\r?\n/).forEach((line, i) => {
        if (line.trim() === '') return;
        try {
          raw.push({ value: JSON.parse(line), source: `${path}:${i + 1}` });
        } catch (error) {
          badJson.push(`line ${i + 1}: ${(error as Error).message}`);
        }
      });
    } else {
      try {
        const value: unknown = JSON.parse(text);
        if (Array.isArray(value)) value.forEach((v, i) => raw.push({ value: v, source: `${path}[${i}]` }));
        else raw.push({ value, source: path, fallbackId: basename(path, extname(path)) });
      } catch (error) {
        badJson.push(`${(error as Error).message}`);
      }
    }
  }
  if (badJson.length > 0) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `not valid JSON:\n${listOffending(badJson)}`, { file: path });
  return readOutputRecords(raw, path, options);
}

/** The reports of readOutputSet (strict unless options.lenient). */
export function readOutputs(path: string, options: OutputReadOptions = {}): HtpOutput[] {
  return readOutputSet(path, options).outputs;
}
