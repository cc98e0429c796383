// @evalkit/dataset: dataset-scale reconstruction evaluation. A dataset is a list of pairs (a
// manifest or two folders); each pair gives one row; rows from a local pool, from shards or from a
// job queue assemble into the same document.
export type { DatasetPair, PairRow } from './pair';
export { withBaseline } from './manifest';
export { readManifest } from './io/manifest-file';
export { pairsFromDirs } from './io/pairs-from-dirs';
export { parseShard, selectShard, sortById } from './shard';
export { createDatasetConfig } from './config';
export type { DatasetConfig, EvaluationSettings } from './config';
export { evaluatePair, interruptedError } from './evaluate-pair';
export { encodePairRow, decodePairRow } from './rows';
export { assembleDatasetDocument } from './document';
export type { DatasetDocument } from './document';
export { mergeDatasetDocuments } from './merge';
export { runDataset, workerCount } from './run-dataset';
export { journalPathFor } from './io/row-journal';
export { answerPairRequests } from './parallel/answer-pair-requests';
export type { PoolReply, PoolRequest } from './parallel/pool-messages';
