import { ERROR_CODES, EvalkitError, documentKind, type ResultDocument, type RunManifest } from '@evalkit/core';
import type { DatasetConfig } from './config';
import { assembleDatasetDocument, DATASET_KIND, expectedPairs, type DatasetDocument } from './document';
import type { PairRow } from './pair';
import { canonicalRow, inFile } from './rows';

/** Options of mergeDatasetDocuments. */
export interface MergeOptions {
  /** A label per document (its file) for error messages. */
  sources?: readonly string[];
  /** The merged document's manifest (default: one made now). */
  manifest?: RunManifest;
}

/** Stable text of a value with object keys sorted (configs read from different files compare equal). */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Joins the documents of a dataset's shards into the document of the whole dataset, equal to what
 * one run over every pair writes (apart from the manifest). Refuses, naming the files: a document
 * of another kind, different configs (other metrics, settings or dataset), shards of different
 * splits, overlaps (a shard twice, a pair in two documents) and gaps (a missing shard, a shard
 * missing some of its pairs).
 */
export function mergeDatasetDocuments(docs: readonly ResultDocument[], options: MergeOptions = {}): DatasetDocument {
  const label = (i: number) => options.sources?.[i] ?? `document ${i + 1}`;
  if (docs.length === 0) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'nothing to merge', { field: 'documents', value: 0 });
  docs.forEach((doc, i) => {
    if (documentKind(doc) !== DATASET_KIND) {
      throw new EvalkitError(ERROR_CODES.MISMATCH, `is a ${documentKind(doc)} document, not a ${DATASET_KIND} one`, { file: label(i), field: 'schema', value: doc.schema });
    }
  });
  const configs = docs.map((d) => d.config as DatasetConfig);
  const first = configs[0];
  configs.forEach((config, i) => {
    const keys = [...new Set([...Object.keys(first), ...Object.keys(config)])].filter((k) => k !== 'shard').sort();
    for (const key of keys) {
      if (stable(config[key]) !== stable(first[key])) {
        throw new EvalkitError(ERROR_CODES.MISMATCH, `different config: ${label(0)} has ${stable(first[key])}, this document ${stable(config[key])}; only documents of one run's settings and dataset merge`, {
          file: label(i),
          field: `config.${key}`,
          value: config[key],
        });
      }
    }
  });
  const shards = configs.map((c) => c.shard ?? null);
  if (docs.length > 1) {
    const whole = shards.findIndex((s) => s === null);
    if (whole >= 0) throw new EvalkitError(ERROR_CODES.MISMATCH, 'overlap: this document covers the whole dataset, the others repeat its pairs', { file: label(whole), field: 'config.shard', value: null });
  }
  const count = shards[0]?.count ?? 1;
  const byIndex = new Map<number, number>();
  shards.forEach((s, i) => {
    if (s === null) return;
    if (s.count !== count) {
      throw new EvalkitError(ERROR_CODES.MISMATCH, `split into ${s.count} shards, ${label(0)} into ${count}: shards of different splits do not merge`, { file: label(i), field: 'config.shard.count', value: s.count });
    }
    if (byIndex.has(s.index)) {
      throw new EvalkitError(ERROR_CODES.MISMATCH, `overlap: shard ${s.index}/${count} is also ${label(byIndex.get(s.index)!)}`, { file: label(i), field: 'config.shard.index', value: s.index });
    }
    byIndex.set(s.index, i);
  });
  const missing = Array.from({ length: count }, (_, k) => k).filter((k) => shards[0] !== null && !byIndex.has(k));
  if (missing.length > 0) {
    throw new EvalkitError(ERROR_CODES.MISMATCH, `gap: shard${missing.length > 1 ? 's' : ''} ${missing.map((k) => `${k}/${count}`).join(', ')} missing`, { file: label(0), field: 'config.shard', value: missing });
  }
  const owner = new Map<string, number>();
  const rows: PairRow[] = [];
  docs.forEach((doc, i) => {
    const expected = expectedPairs(configs[i]);
    if (doc.results.length !== expected) {
      throw new EvalkitError(ERROR_CODES.MISMATCH, `gap: holds ${doc.results.length} rows, its share of the dataset is ${expected} pairs (an unfinished run? rerun it to resume)`, {
        file: label(i),
        field: 'results',
        value: doc.results.length,
      });
    }
    doc.results.forEach((value, k) => {
      const row = inFile(label(i), () => canonicalRow(value, `results[${k}]`));
      if (owner.has(row.id)) {
        throw new EvalkitError(ERROR_CODES.MISMATCH, `overlap: pair "${row.id}" is also in ${label(owner.get(row.id)!)}`, { file: label(i), field: `results[${k}].id`, value: row.id });
      }
      owner.set(row.id, i);
      rows.push(row);
    });
  });
  return assembleDatasetDocument({ ...first, shard: null }, rows, options.manifest);
}
