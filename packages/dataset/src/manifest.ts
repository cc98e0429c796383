import { isAbsolute, resolve } from 'node:path';
import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import { parseCsv } from '@evalkit/media-io';
import type { DatasetPair } from './pair';

/** Columns a manifest must have; `baseline` is optional. */
export const MANIFEST_COLUMNS = ['id', 'ref', 'test'] as const;

/**
 * Parses a manifest CSV (`id,ref,test[,baseline]`, a header line first). Relative paths are taken
 * relative to `baseDir` (the manifest's folder), so a dataset folder can move with its manifest.
 * A missing column, an empty cell or a repeated id is an error naming the file, line and value.
 */
export function parseManifest(text: string, file: string, baseDir: string): DatasetPair[] {
  const table = parseCsv(text, file);
  const column = (name: string) => table.header.indexOf(name);
  for (const name of MANIFEST_COLUMNS) {
    if (column(name) < 0) {
      throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `manifest has no "${name}" column (needs id,ref,test and optionally baseline)`, { file, field: 'header', value: table.header.join(',') });
    }
  }
  const baselineColumn = column('baseline');
  const seen = new Map<string, number>();
  const pairs: DatasetPair[] = [];
  for (const { line, cells } of table.rows) {
    if (cells.length !== table.header.length) {
      throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `line ${line} has ${cells.length} cells, the header has ${table.header.length}`, { file, field: `line ${line}`, value: cells.join(',') });
    }
    const cell = (name: string) => {
      const value = cells[column(name)];
      if (value === '') throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `line ${line}: empty "${name}"`, { file, field: `line ${line}.${name}`, value });
      return value;
    };
    const id = cell('id');
    if (seen.has(id)) {
      throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `id "${id}" on line ${line} repeats line ${seen.get(id)}`, { file, field: `line ${line}.id`, value: id });
    }
    seen.set(id, line);
    const at = (p: string) => (isAbsolute(p) ? p : resolve(baseDir, p));
    const pair: DatasetPair = { id, ref: at(cell('ref')), test: at(cell('test')) };
    if (baselineColumn >= 0 && cells[baselineColumn] !== '') pair.baseline = at(cells[baselineColumn]);
    pairs.push(pair);
  }
  return pairs;
}

/**
 * Adds a baseline decoder's outputs to `pairs` from a second pair list (a `--baseline` manifest or
 * folder): matched by id, scored against the same references. Ids missing on either side and
 * differing references are errors naming `file`.
 */
export function withBaseline(pairs: readonly DatasetPair[], baseline: readonly DatasetPair[], file: string): DatasetPair[] {
  const byId = new Map(baseline.map((p) => [p.id, p]));
  const out = pairs.map((p) => {
    const b = byId.get(p.id);
    if (!b) throw new EvalkitError(ERROR_CODES.MISMATCH, `pair "${p.id}" has no baseline of that id`, { file, field: 'id', value: p.id });
    if (b.ref !== p.ref) {
      throw new EvalkitError(ERROR_CODES.MISMATCH, `pair "${p.id}": the baseline is scored against ${b.ref}, the test against ${p.ref}; retention needs the same references`, { file, field: 'ref', value: b.ref });
    }
    return { ...p, baseline: b.test };
  });
  const ids = new Set(pairs.map((p) => p.id));
  const extra = baseline.find((b) => !ids.has(b.id));
  if (extra) throw new EvalkitError(ERROR_CODES.MISMATCH, `baseline pair "${extra.id}" is not in the dataset`, { file, field: 'id', value: extra.id });
  return out;
}
