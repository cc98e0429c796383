import { ERROR_CODES, EvalkitError, writeResultDocument } from '@evalkit/core';
import { assembleDatasetDocument, createDatasetConfig, parseShard, selectShard, sortById, type DatasetConfig, type DatasetDocument, type DatasetPair, type PairRow } from '@evalkit/dataset';
import { parseQueueUrl, runDatasetOnQueue } from '@evalkit/job-queue';
import { cliManifest } from '../shared/context';
import type { ProgressReporter, ProgressTask } from '../shared/progress';
import { datasetPairs, datasetSettings, writeDatasetCsv, type DatasetCliOptions } from './metrics-dataset';

/**
 * The rows of a dataset's pairs evaluated by the workers of a queue (`evalkit worker --queue URL`):
 * what the local pool gives. Progress ticks per video; Ctrl-C removes the jobs no worker has started.
 */
export async function queuedDatasetRows(url: string, pairs: readonly DatasetPair[], config: DatasetConfig, task: ProgressTask): Promise<PairRow[]> {
  const queue = parseQueueUrl(url);
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  // With its own listener the CLI's default handler leaves the stop to this command.
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  let shown = 0;
  let said = -1;
  try {
    return await runDatasetOnQueue({
      queue,
      pairs,
      config,
      signal: controller.signal,
      onProgress: ({ done, workers }) => {
        if (done > shown || workers !== said) {
          task.tick(done - shown, workers === 0 ? `queued on ${queue.display}; no worker listening yet (evalkit worker --queue ...)` : `${workers} worker${workers > 1 ? 's' : ''}`);
          shown = done;
          said = workers;
        }
      },
    });
  } finally {
    process.removeListener('SIGINT', interrupt);
    process.removeListener('SIGTERM', interrupt);
  }
}

/**
 * `metrics --manifest ... --queue URL --out F`: one job per pair on the queue, the rows back from
 * the workers, and the document the local run writes (same pairs, config and rows; its own manifest).
 */
export async function runQueuedDatasetMetrics(opts: DatasetCliOptions & { queue: string }, progress: ProgressReporter, startedAt = new Date()): Promise<DatasetDocument> {
  if (opts.out === undefined) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'a dataset run writes its document to --out FILE.json', { field: '--out', value: undefined });
  if (opts.workers !== undefined) {
    throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, '--workers sets this machine\'s threads; on a queue each `evalkit worker` sets its own --concurrency', { field: '--workers', value: opts.workers });
  }
  const queue = parseQueueUrl(opts.queue);
  const pairs = datasetPairs(opts);
  const shard = opts.shard === undefined ? null : parseShard(opts.shard);
  const config = createDatasetConfig(datasetSettings(opts), pairs, shard);
  const mine = shard ? selectShard(pairs, shard.index, shard.count) : sortById(pairs);
  const task = progress.start('videos', mine.length);
  let rows: PairRow[];
  try {
    rows = await queuedDatasetRows(opts.queue, mine, config, task);
    task.done(`${rows.length} videos`);
  } finally {
    progress.stop();
  }
  const runConfig = { ...config, manifest: opts.manifest ?? null, refDir: opts.refDir ?? null, testDir: opts.testDir ?? null, baselineSource: opts.baseline ?? opts.baselineDir ?? null, queue: queue.display };
  const doc = assembleDatasetDocument(config, rows, cliManifest('metrics', { config: runConfig, seed: null, startedAt }));
  writeResultDocument(opts.out, doc);
  if (opts.csv !== undefined) writeDatasetCsv(opts.csv, doc);
  return doc;
}
