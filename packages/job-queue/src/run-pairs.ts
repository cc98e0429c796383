import { randomUUID } from 'node:crypto';
import { FlowProducer, Queue, type Job } from 'bullmq';
import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import type { PairJobData, QueuedPair } from './job-types';
import { KEY_PREFIX, PAIRS_QUEUE, RUNS_QUEUE } from './queue-names';
import type { QueueLocation } from './queue-url';
import { checkRedisReachable } from './redis-check';
import { closeWithin, DEFAULT_REDIS_TIMEOUT_MS, producerConnection, redisAnswer } from './redis-deadline';

/** Where a queued run stands, reported every poll. */
export interface PairsProgress {
  /** Pairs whose row is back (evaluated, or failed on every attempt). */
  done: number;
  total: number;
  /** Workers listening on the pairs queue now. */
  workers: number;
}

/** Options of runPairsOnQueue. */
export interface RunPairsOptions<P extends QueuedPair, C, R> {
  queue: QueueLocation;
  pairs: readonly P[];
  /** The evaluation config every worker applies (must survive JSON). */
  config: C;
  /**
   * The row of a pair whose job failed on every attempt (an error the evaluation threw, a worker
   * that died on it twice). A bad input is not such a failure: the worker returns its failed row.
   */
  failedRow(pair: P, error: string): R;
  /** Tries per job for thrown errors (default 3); a killed worker's job is retried up to twice more besides. */
  attempts?: number;
  /** How often to look at the run's progress, ms (default 500). */
  pollMs?: number;
  /** Give up with an error when Redis does not answer one call for this long, ms (default 30 s). */
  redisTimeoutMs?: number;
  onProgress?(progress: PairsProgress): void;
  /** Aborting removes the run's jobs that no worker has started and rejects with EVK_INTERRUPTED. */
  signal?: AbortSignal;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });

/** The child job id of pair `index` of run `run` (BullMQ ids may not contain ":"). */
export function pairJobId(run: string, index: number): string {
  return `${run}-${index}`;
}

/**
 * Puts one job per pair on the pairs queue, waits for the workers, and returns one row per pair in
 * the pairs' order. The jobs are the children of one parent job (a BullMQ flow): a child's result
 * is stored under its own key in the parent, so a job delivered twice (a worker killed mid-job, its
 * job retried elsewhere) still gives one row, and the parent counts the children still open.
 */
export async function runPairsOnQueue<P extends QueuedPair, C, R>(options: RunPairsOptions<P, C, R>): Promise<R[]> {
  const { queue: location, pairs, config, signal } = options;
  const ids = new Set<string>();
  for (const pair of pairs) {
    if (ids.has(pair.id)) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'two pairs share one id: each becomes one job and one row', { field: 'id', value: pair.id });
    ids.add(pair.id);
  }
  await checkRedisReachable(location);
  const owned = producerConnection(location);
  const connection = owned.redis;
  const flows = new FlowProducer({ connection, prefix: KEY_PREFIX });
  const pairsQueue = new Queue(PAIRS_QUEUE, { connection, prefix: KEY_PREFIX });
  const runsQueue = new Queue(RUNS_QUEUE, { connection, prefix: KEY_PREFIX });
  // Their connection errors are the connection's, kept by producerConnection for the message; unheard, BullMQ prints each one.
  flows.on('error', () => undefined);
  for (const queue of [pairsQueue, runsQueue]) queue.on('error', () => undefined);
  const run = randomUUID();
  // Set once a Redis call went unanswered or failed: then there is nothing to tidy up in Redis.
  let lost = false;
  const answer = <T>(call: Promise<T>) =>
    redisAnswer(call, location, options.redisTimeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS, owned.lastError).catch((error: unknown) => {
      lost = true;
      throw error;
    });
  let parent: Job | undefined;
  try {
    const node = await answer(flows.add({
      name: 'dataset-run',
      queueName: RUNS_QUEUE,
      data: { total: pairs.length, createdAt: new Date().toISOString() },
      opts: { jobId: run },
      children: pairs.map((pair, index) => ({
        name: 'pair',
        queueName: PAIRS_QUEUE,
        data: { run, pair, config } satisfies PairJobData<P, C>,
        opts: {
          jobId: pairJobId(run, index),
          attempts: options.attempts ?? 3,
          // The result (or the last error) lives on in the parent; the child's own record is not needed once it is done.
          removeOnComplete: true,
          removeOnFail: true,
          // After the last attempt the parent goes on without it and keeps the error for us.
          ignoreDependencyOnFailure: true,
        },
      })),
    }));
    parent = node.job;
    let workers = 0;
    let polls = 0;
    for (;;) {
      if (signal?.aborted) throw new EvalkitError(ERROR_CODES.INTERRUPTED, 'queued run interrupted; its unstarted jobs were removed');
      const counts = await answer(parent.getDependenciesCount());
      // Asking Redis for its client list is heavier than the counts: every fourth poll.
      if (polls++ % 4 === 0) workers = await answer(pairsQueue.getWorkersCount());
      const open = counts.unprocessed ?? 0;
      options.onProgress?.({ done: pairs.length - open, total: pairs.length, workers });
      if (open === 0) break;
      await sleep(options.pollMs ?? 500, signal);
    }
    const values = await answer(parent.getChildrenValues<R>());
    const failures = await answer(parent.getIgnoredChildrenFailures());
    const byIndex = new Map<number, R>();
    const keyIndex = (key: string) => {
      const match = new RegExp(`:${run}-(\\d+)$`).exec(key);
      return match ? Number(match[1]) : -1;
    };
    for (const [key, value] of Object.entries(values)) byIndex.set(keyIndex(key), value);
    for (const [key, reason] of Object.entries(failures)) {
      const index = keyIndex(key);
      if (!byIndex.has(index) && index >= 0 && index < pairs.length) byIndex.set(index, options.failedRow(pairs[index], reason));
    }
    const missing = pairs.map((_, i) => i).filter((i) => !byIndex.has(i));
    if (missing.length > 0) {
      throw new EvalkitError(ERROR_CODES.RUNTIME, `${missing.length} of ${pairs.length} pairs came back without a row (was the run's data removed from Redis?)`, { field: 'id', value: pairs[missing[0]].id });
    }
    return pairs.map((_, i) => byIndex.get(i)!);
  } finally {
    // With Redis gone there is nothing to tidy: the jobs stay for when it is back.
    if (parent && !lost) {
      // Done: the parent and any failed children go. Interrupted: the children no worker holds go too.
      await redisAnswer(parent.removeUnprocessedChildren(), location, 2000).catch(() => undefined);
      await redisAnswer(parent.remove({ removeChildren: true }), location, 2000).catch(() => undefined);
    }
    await closeWithin([flows, pairsQueue, runsQueue]);
    owned.end();
  }
}
