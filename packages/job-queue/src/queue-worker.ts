import { hostname } from 'node:os';
import { Worker, type Job } from 'bullmq';
import type { BenchJobData, BenchJobResult, PairJobData, QueuedPair } from './job-types';
import { benchQueueName, KEY_PREFIX, PAIRS_QUEUE } from './queue-names';
import type { QueueLocation } from './queue-url';
import { checkRedisReachable } from './redis-check';

/** The default lock/stall period: a killed worker's jobs go back to the queue within about twice this. */
export const DEFAULT_STALL_MS = 30_000;

/** What a worker reports as it goes (the worker command prints these). */
export type WorkerEvent =
  | { type: 'started'; kind: 'pair' | 'bench'; id: string; attempt: number }
  | { type: 'completed'; kind: 'pair' | 'bench'; id: string; ms: number }
  | { type: 'failed'; kind: 'pair' | 'bench'; id: string; error: string }
  | { type: 'error'; error: string };

/** Options of startQueueWorker. */
export interface QueueWorkerOptions<P extends QueuedPair, C, R> {
  queue: QueueLocation;
  /** Pairs evaluated at once (default 1). Benchmark jobs always run one at a time, alone. */
  concurrency?: number;
  /** Also take the benchmark jobs labelled for this device. */
  device?: string;
  /**
   * Lock period and stalled-job check interval, ms (default 30 s). A worker renews its locks every
   * half period; a job whose worker died is handed to another within about two periods.
   */
  stallMs?: number;
  /** The worker's name in Redis (CLIENT LIST) and on the jobs it takes; default HOST:PID[:DEVICE]. */
  name?: string;
  /** Evaluates one pair. Must not throw for a bad input (return its failed row); a throw is retried. */
  evaluatePair(pair: P, config: C, signal: AbortSignal): Promise<R>;
  /** Runs one benchmark job on this device (required with `device`). */
  runBench?(job: BenchJobData, signal: AbortSignal): Promise<Omit<BenchJobResult, 'worker'>>;
  onEvent?(event: WorkerEvent): void;
}

/** A running worker. */
export interface QueueWorker {
  readonly name: string;
  /** Stops taking jobs; waits for the jobs in hand unless `force`, in which case they go back to the queue when their locks expire. */
  close(force?: boolean): Promise<void>;
}

/** A signal that aborts with BullMQ's (when it gives one) or never. */
const signalOf = (signal: AbortSignal | undefined) => signal ?? new AbortController().signal;

/**
 * Starts a worker on the pairs queue (and, with `device`, on that device's benchmark queue).
 * Delivery is at least once: a job whose worker dies (lock not renewed) is moved back to the
 * queue by another worker's stalled-job check; the producer counts each pair once.
 */
export async function startQueueWorker<P extends QueuedPair, C, R>(options: QueueWorkerOptions<P, C, R>): Promise<QueueWorker> {
  if (options.device !== undefined && !options.runBench) throw new TypeError('startQueueWorker: a device label needs runBench');
  await checkRedisReachable(options.queue);
  const stallMs = options.stallMs ?? DEFAULT_STALL_MS;
  const name = options.name ?? `${hostname()}:${process.pid}${options.device ? `:${options.device}` : ''}`;
  const emit = (event: WorkerEvent) => options.onEvent?.(event);
  const common = {
    connection: options.queue.connection,
    prefix: KEY_PREFIX,
    name,
    lockDuration: stallMs,
    stalledInterval: stallMs,
    // A job may lose its worker twice (two machines killed under it) before it counts as failed.
    maxStalledCount: 2,
  };

  const pairs = new Worker<PairJobData<P, C>, R>(
    PAIRS_QUEUE,
    async (job, _token, signal) => {
      const started = Date.now();
      emit({ type: 'started', kind: 'pair', id: job.data.pair.id, attempt: job.attemptsStarted });
      const row = await options.evaluatePair(job.data.pair, job.data.config, signalOf(signal));
      emit({ type: 'completed', kind: 'pair', id: job.data.pair.id, ms: Date.now() - started });
      return row;
    },
    { ...common, concurrency: options.concurrency ?? 1 },
  );
  const workers: Worker[] = [pairs];

  if (options.device !== undefined) {
    const runBench = options.runBench!;
    const bench = new Worker<BenchJobData, BenchJobResult>(
      benchQueueName(options.device),
      async (job: Job<BenchJobData, BenchJobResult>, _token, signal) => {
        const started = Date.now();
        emit({ type: 'started', kind: 'bench', id: `${job.data.command} ${job.id}`, attempt: job.attemptsStarted });
        // A benchmark measures this machine: let the pairs in hand finish and take no new ones meanwhile.
        await pairs.pause();
        try {
          const result = await runBench(job.data, signalOf(signal));
          emit({ type: 'completed', kind: 'bench', id: `${job.data.command} ${job.id}`, ms: Date.now() - started });
          return { ...result, worker: name };
        } finally {
          pairs.resume();
        }
      },
      { ...common, concurrency: 1 },
    );
    workers.push(bench);
  }

  for (const worker of workers) {
    const kind = worker === pairs ? 'pair' : 'bench';
    // Without an 'error' listener an EventEmitter error would end the process.
    worker.on('error', (error) => emit({ type: 'error', error: error.message }));
    worker.on('failed', (job, error) => {
      const id = kind === 'pair' ? (job?.data as PairJobData<P, C> | undefined)?.pair.id : `${(job?.data as BenchJobData | undefined)?.command} ${job?.id}`;
      emit({ type: 'failed', kind, id: id ?? String(job?.id), error: error.message });
    });
  }
  await Promise.all(workers.map((w) => w.waitUntilReady()));

  return {
    name,
    async close(force = false) {
      await Promise.all(workers.map((w) => w.close(force)));
    },
  };
}
