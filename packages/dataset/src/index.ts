// @evalkit/dataset: dataset-scale reconstruction evaluation. A dataset is a list of pairs (a
// manifest or two folders); each pair gives one row; rows from a local pool, from shards or from a
// job queue assemble into the same document.
export type { DatasetPair, PairRow, EvaluatedPairRow, FailedPairRow, MediaInfo } from './pair';
export { parseManifest, withBaseline, MANIFEST_COLUMNS } from './manifest';
export { readManifest } from './io/manifest-file';
export { pairsFromDirs, listDatasetVideos } from './io/pairs-from-dirs';
export { parseShard, selectShard, sortById, compareIds } from './shard';
export type { Shard } from './shard';
export { createDatasetConfig, canonicalConfig, pairsDigest } from './config';
export type { DatasetConfig, EvaluationSettings } from './config';
export { evaluatePair, evaluateOptionsFor, interruptedError } from './evaluate-pair';
export type { PairOptions } from './evaluate-pair';
export { canonicalRow, canonicalMeans, encodePairRow, decodePairRow } from './rows';
export { assembleDatasetDocument, expectedPairs, shardSize, DATASET_KIND } from './document';
export type { DatasetDocument, DatasetSummary } from './document';
export { mergeDatasetDocuments } from './merge';
export type { MergeOptions } from './merge';
export { runDataset, workerCount, PAIR_WORKER_ENTRY } from './run-dataset';
export type { DatasetProgress, RunDatasetOptions } from './run-dataset';
export { openRowJournal, journalPathFor } from './io/row-journal';
export type { RowJournal } from './io/row-journal';
