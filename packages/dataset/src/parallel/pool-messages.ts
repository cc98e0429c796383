import type { DatasetConfig } from '../config';
import type { DatasetPair } from '../pair';

/** What the pool sends a worker thread: a pair to evaluate, or stop the current one. */
export type PoolRequest = { type: 'evaluate'; seq: number; pair: DatasetPair; config: DatasetConfig; ffmpeg?: string } | { type: 'abort' };

/** What a worker thread answers: a frame done, the pair's row (encoded), or an error that is not the pair's input's fault. */
export type PoolReply =
  | { type: 'frame'; seq: number }
  | { type: 'row'; seq: number; row: string }
  | { type: 'error'; seq: number; name: string; code?: string; message: string };
