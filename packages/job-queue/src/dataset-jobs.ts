import { ERROR_CODES } from '@evalkit/core';
import { decodePairRow, encodePairRow, type DatasetConfig, type DatasetPair, type PairRow } from '@evalkit/dataset';
import { runPairsOnQueue, type PairsProgress } from './run-pairs';
import type { QueueLocation } from './queue-url';

/** Options of runDatasetOnQueue. */
export interface DatasetOnQueueOptions {
  queue: QueueLocation;
  pairs: readonly DatasetPair[];
  config: DatasetConfig;
  /** Tries per pair for errors that are not its input's (default 3). */
  attempts?: number;
  pollMs?: number;
  onProgress?(progress: PairsProgress): void;
  signal?: AbortSignal;
}

/**
 * The rows of a dataset evaluated by the queue's workers, one per pair in the pairs' order: what
 * runDataset gives locally, for assembleDatasetDocument. Rows travel as encodePairRow's JSON, which
 * keeps an identical pair's PSNR of Infinity. A pair no worker could evaluate in `attempts` tries
 * (every try threw: no ffmpeg there, a crash) is a failed row with code EVK_RUNTIME and the last error.
 */
export async function runDatasetOnQueue(options: DatasetOnQueueOptions): Promise<PairRow[]> {
  const encoded = await runPairsOnQueue<DatasetPair, DatasetConfig, string>({
    queue: options.queue,
    pairs: options.pairs,
    config: options.config,
    attempts: options.attempts,
    pollMs: options.pollMs,
    onProgress: options.onProgress,
    signal: options.signal,
    failedRow: (pair, error) => encodePairRow({ id: pair.id, status: 'failed', error: { code: ERROR_CODES.RUNTIME, message: `no worker could evaluate this pair: ${error}` } }),
  });
  return encoded.map((text, i) => decodePairRow(text, `row of pair ${options.pairs[i].id}`));
}
