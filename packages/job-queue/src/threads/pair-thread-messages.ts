import type { DatasetConfig, DatasetPair } from '@evalkit/dataset';

/** What a pair thread is sent: a pair to evaluate, or stop the current one. */
export type PairThreadRequest = { type: 'evaluate'; seq: number; pair: DatasetPair; config: DatasetConfig; ffmpeg?: string } | { type: 'abort' };

/** What a pair thread answers: the pair's row as encodePairRow's JSON, or an error that is not the pair's input's fault. */
export type PairThreadReply = { type: 'row'; seq: number; row: string } | { type: 'error'; seq: number; name: string; code?: string; message: string };
