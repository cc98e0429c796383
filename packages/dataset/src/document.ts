import { createResultDocument, createRunManifest, ERROR_CODES, EvalkitError, type ResultDocument, type ResultRowInput, type RunManifest } from '@evalkit/core';
import { datasetMeans, retentionOf, type MetricMeans, type QualityRetention } from '@evalkit/recon-metrics';
import { canonicalConfig, type DatasetConfig } from './config';
import type { EvaluatedPairRow, PairRow } from './pair';
import { canonicalRow } from './rows';
import { sortById } from './shard';

/** The result-document kind of a dataset evaluation: one row per video. */
export const DATASET_KIND = 'recon-dataset' as const;

/** The summary of a dataset document. */
export interface DatasetSummary {
  [key: string]: unknown;
  /** Pairs this document should hold: the whole dataset, or its shard's share. */
  pairs: number;
  /** Rows with status 'ok'. */
  evaluated: number;
  /** Rows with status 'failed'. */
  failed: number;
  /** Ids of the failed rows, sorted. */
  failedIds: string[];
  /** Frames compared over the evaluated rows. */
  frames: number;
  /** Means over evaluated videos, each video weighing the same (as the papers' dataset tables). */
  mean: MetricMeans;
  /** The baseline output's means over the same videos, when the dataset has a baseline. */
  baselineMean?: MetricMeans;
  /** Quality retention of test vs baseline (Turbo-VAED's "retains x% of the quality"). */
  retention?: QualityRetention[];
}

/** A dataset document: config, one row per video sorted by id, and the summary. */
export type DatasetDocument = ResultDocument<PairRow & Record<string, unknown>> & { config: DatasetConfig; summary: DatasetSummary };

/** Pairs in shard `index` of `count` of a dataset of `pairs` (every count-th of the sorted ids). */
export function shardSize(pairs: number, index: number, count: number): number {
  return index < pairs ? Math.ceil((pairs - index) / count) : 0;
}

/** Pairs a document of `config` should hold. */
export function expectedPairs(config: DatasetConfig): number {
  return config.shard === null ? config.pairs : shardSize(config.pairs, config.shard.index, config.shard.count);
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the package's own version for manifests made here
const VERSION: string = require('../package.json').version;

/**
 * Builds the document of a dataset run from its rows. The rows are canonicalised and sorted by id,
 * and every figure is computed from that order, so the same rows in any order (a pool, shards
 * merged, a queue) give byte-identical documents apart from `manifest`. A repeated id is refused:
 * a row is counted once. `manifest` defaults to one made now for this process.
 */
export function assembleDatasetDocument(datasetConfig: DatasetConfig, rows: readonly PairRow[], manifest?: RunManifest): DatasetDocument {
  const config = canonicalConfig(datasetConfig);
  const sorted = sortById(rows.map((r, i) => canonicalRow(r, `rows[${i}]`)));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].id === sorted[i - 1].id) throw new EvalkitError(ERROR_CODES.MISMATCH, 'two rows share an id: each pair is counted once', { field: 'id', value: sorted[i].id });
  }
  const expected = expectedPairs(config);
  if (sorted.length > expected) {
    throw new EvalkitError(ERROR_CODES.MISMATCH, `${sorted.length} rows for a ${config.shard ? `shard of ${expected}` : `dataset of ${expected}`} pairs`, { field: 'rows', value: sorted.length });
  }
  const ok = sorted.filter((r): r is EvaluatedPairRow => r.status === 'ok');
  const failedIds = sorted.filter((r) => r.status === 'failed').map((r) => r.id);
  const summary: DatasetSummary = {
    pairs: expected,
    evaluated: ok.length,
    failed: failedIds.length,
    failedIds,
    frames: ok.reduce((n, r) => n + r.frames, 0),
    mean: datasetMeans(ok.map((r) => ({ video: r.id, frames: r.frames, ...r.metrics }))),
  };
  if (config.baseline) {
    const withBaseline = ok.filter((r) => r.baseline !== undefined);
    summary.baselineMean = datasetMeans(withBaseline.map((r) => ({ video: r.id, frames: r.frames, ...r.baseline })));
    const testMean = datasetMeans(withBaseline.map((r) => ({ video: r.id, frames: r.frames, ...r.metrics })));
    summary.retention = retentionOf(summary.baselineMean, testMean);
  }
  const made = manifest ?? createRunManifest({ tool: 'evalkit metrics', toolVersion: VERSION, config });
  // createResultDocument checks the rows, config and summary against core's recon-dataset schema
  return createResultDocument(DATASET_KIND, made, sorted as ResultRowInput<typeof DATASET_KIND>[], { config, summary }) as unknown as DatasetDocument;
}
