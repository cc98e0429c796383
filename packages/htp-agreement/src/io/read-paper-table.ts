import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import { existsSync, readFileSync } from 'node:fs';

/** The paper's Table 1 as published: percent per group ("Total", "Warning", "Observation") and level, and the Warning share. */
export interface PaperTable {
  source: string;
  percent: Record<string, Record<string, number>>;
  warningPercent: number | null;
}

/** Reads the paper reference values (fixtures/paper/psydraw.json in this repository). */
export function readPaperTable(path: string): PaperTable {
  if (!existsSync(path)) throw new EvalkitError(ERROR_CODES.FILE_NOT_FOUND, 'paper reference values not found', { file: path });
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { source?: string; percent?: Record<string, Record<string, number>>; warningShare?: { percent?: number } };
  if (!doc.percent) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'no "percent" table', { file: path, field: 'percent' });
  return { source: doc.source ?? path, percent: doc.percent, warningPercent: doc.warningShare?.percent ?? null };
}
