import { randomUUID } from 'node:crypto';
import { Job, Queue } from 'bullmq';
import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import { BENCH_COMMANDS, type BenchCommand, type BenchJobData, type BenchJobResult } from './job-types';
import { benchQueueName, KEY_PREFIX } from './queue-names';
import type { QueueLocation } from './queue-url';
import { checkRedisReachable } from './redis-check';
import { closeWithin, DEFAULT_REDIS_TIMEOUT_MS, producerConnection, redisAnswer } from './redis-deadline';

/** Where a queued benchmark stands, reported every poll. */
export interface BenchProgress {
  state: string;
  /** Workers listening for this device's jobs now. */
  workers: number;
}

/** Options of runBenchOnQueue. */
export interface RunBenchOptions {
  queue: QueueLocation;
  device: string;
  command: BenchCommand;
  /** The command's flags, without --queue, --device, --out and --json (the worker adds its own --out). */
  args: string[];
  pollMs?: number;
  /** Give up with an error when Redis does not answer one call for this long, ms (default 30 s). */
  redisTimeoutMs?: number;
  onProgress?(progress: BenchProgress): void;
  /** Aborting removes the job if no worker has started it and rejects with EVK_INTERRUPTED. */
  signal?: AbortSignal;
}

/** Flags a producer never forwards: where to queue, and where the result goes, are the producer's. */
export const PRODUCER_ONLY_FLAGS = ['--queue', '--device', '--out', '--json'] as const;

/** `args` without the producer-only flags (in both `--flag value` and `--flag=value` forms). */
export function forwardableArgs(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const flag = arg.split('=')[0];
    if ((PRODUCER_ONLY_FLAGS as readonly string[]).includes(flag)) {
      // --json takes no value; the others take the next word unless given as --flag=value.
      if (flag !== '--json' && !arg.includes('=')) i++;
      continue;
    }
    out.push(arg);
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Puts one `bench <command>` job on the queue of `device` and waits until a worker started with
 * that --device label has run it; returns the document it wrote. A job whose worker dies is
 * handed to another worker of the same label; a command that fails is not retried (its error
 * comes back).
 */
export async function runBenchOnQueue(options: RunBenchOptions): Promise<BenchJobResult> {
  if (!(BENCH_COMMANDS as readonly string[]).includes(options.command)) throw new TypeError(`runBenchOnQueue: unknown command ${options.command}`);
  const name = benchQueueName(options.device);
  await checkRedisReachable(options.queue);
  const owned = producerConnection(options.queue);
  const queue = new Queue<BenchJobData, BenchJobResult>(name, { connection: owned.redis, prefix: KEY_PREFIX });
  // Connection errors are the connection's, kept by producerConnection for the message; unheard, BullMQ prints each one.
  queue.on('error', () => undefined);
  const id = randomUUID();
  const answer = <T>(call: Promise<T>) => redisAnswer(call, options.queue, options.redisTimeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS, owned.lastError);
  try {
    const data: BenchJobData = { command: options.command, args: forwardableArgs(options.args), device: options.device };
    await answer(queue.add('bench', data, { jobId: id, attempts: 1 }));
    let polls = 0;
    let workers = 0;
    for (;;) {
      if (options.signal?.aborted) throw new EvalkitError(ERROR_CODES.INTERRUPTED, 'queued benchmark interrupted');
      const state = await answer(queue.getJobState(id));
      if (polls++ % 4 === 0) workers = await answer(queue.getWorkersCount());
      options.onProgress?.({ state, workers });
      if (state === 'completed' || state === 'failed') break;
      if (state === 'unknown') throw new EvalkitError(ERROR_CODES.RUNTIME, 'the benchmark job disappeared from the queue (removed by someone else?)', { field: '--device', value: options.device });
      await sleep(options.pollMs ?? 500);
    }
    const job = await answer(Job.fromId<BenchJobData, BenchJobResult>(queue, id));
    if (!job) throw new EvalkitError(ERROR_CODES.RUNTIME, 'the finished benchmark job is gone from the queue', { field: '--device', value: options.device });
    if (job.failedReason || !job.returnvalue) {
      throw new EvalkitError(ERROR_CODES.RUNTIME, `bench ${options.command} failed on device ${options.device}${job.processedBy ? ` (worker ${job.processedBy})` : ''}: ${job.failedReason ?? 'no result'}`);
    }
    return job.returnvalue;
  } finally {
    // Finished or abandoned, the job's record goes; a worker already running an abandoned job keeps its lock and finishes into nothing.
    await redisAnswer(queue.remove(id), options.queue, 2000).catch(() => undefined);
    await closeWithin([queue]);
    owned.end();
  }
}
