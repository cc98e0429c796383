import { Worker } from 'node:worker_threads';
import { ERROR_CODES, EvalkitError, type ErrorCode } from '@evalkit/core';
import { join } from 'node:path';
import { interruptedError, type DatasetConfig, type DatasetPair } from '@evalkit/dataset';
import type { PairThreadReply, PairThreadRequest } from './threads/pair-thread-messages';

/** The plain-JS entry of a pair thread (registers tsx, then loads the TypeScript thread). */
export const PAIR_THREAD_ENTRY = join(__dirname, 'threads', 'pair-thread-entry.js');

/** Worker threads kept for a queue worker's life, each evaluating one dataset pair at a time. */
export interface PairThreads {
  readonly size: number;
  /**
   * Evaluates a pair on the next free thread and resolves with its row as encodePairRow's JSON (the
   * form a job result travels in). Rejects for what is not the pair's fault (EVK_INTERRUPTED, no
   * ffmpeg here, a thread that died), which the queue retries.
   */
  evaluate(pair: DatasetPair, config: DatasetConfig, signal?: AbortSignal): Promise<string>;
  /** Stops every thread; pairs in hand reject. */
  close(): Promise<void>;
}

interface Task {
  pair: DatasetPair;
  config: DatasetConfig;
  signal?: AbortSignal;
  resolve(row: string): void;
  reject(error: Error): void;
}

/**
 * Starts `size` threads that run @evalkit/dataset's evaluatePair. The frame work runs off the main
 * thread, so the queue worker's event loop stays free to renew its job locks, and `size` pairs
 * really run at once.
 */
export function createPairThreads(size: number, ffmpeg?: string): PairThreads {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`createPairThreads: size must be a positive integer, got ${size}`);
  const waiting: Task[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, { task: Task; seq: number }>();
  const all = new Set<Worker>();
  let seq = 0;
  let closed = false;

  const dispatch = () => {
    while (!closed && idle.length > 0 && waiting.length > 0) {
      const thread = idle.pop()!;
      const task = waiting.shift()!;
      if (task.signal?.aborted) {
        idle.push(thread);
        task.reject(interruptedError(task.pair.id));
        continue;
      }
      const job = { task, seq: ++seq };
      busy.set(thread, job);
      const onAbort = () => thread.postMessage({ type: 'abort' } satisfies PairThreadRequest);
      task.signal?.addEventListener('abort', onAbort, { once: true });
      const settle = task.resolve;
      const fail = task.reject;
      task.resolve = (row) => {
        task.signal?.removeEventListener('abort', onAbort);
        settle(row);
      };
      task.reject = (error) => {
        task.signal?.removeEventListener('abort', onAbort);
        fail(error);
      };
      thread.postMessage({ type: 'evaluate', seq: job.seq, pair: task.pair, config: task.config, ffmpeg } satisfies PairThreadRequest);
    }
  };

  const spawnThread = (): Worker => {
    const thread = new Worker(PAIR_THREAD_ENTRY);
    all.add(thread);
    thread.on('message', (reply: PairThreadReply) => {
      const job = busy.get(thread);
      if (!job || reply.seq !== job.seq) return;
      busy.delete(thread);
      idle.push(thread);
      if (reply.type === 'row') job.task.resolve(reply.row);
      else job.task.reject(reply.code ? new EvalkitError(reply.code as ErrorCode, reply.message) : Object.assign(new Error(reply.message), { name: reply.name }));
      dispatch();
    });
    // A thread that dies (out of memory, a native crash) fails its pair, which the queue retries, and is replaced.
    thread.on('error', (error) => {
      const job = busy.get(thread);
      busy.delete(thread);
      all.delete(thread);
      const at = idle.indexOf(thread);
      if (at >= 0) idle.splice(at, 1);
      job?.task.reject(new EvalkitError(ERROR_CODES.RUNTIME, `the evaluation thread died: ${error.message}`, { field: 'id', value: job.task.pair.id }));
      if (!closed) {
        idle.push(spawnThread());
        dispatch();
      }
    });
    return thread;
  };
  for (let i = 0; i < size; i++) idle.push(spawnThread());

  return {
    size,
    evaluate(pair, config, signal) {
      if (closed) return Promise.reject(new Error('pair threads are closed'));
      return new Promise<string>((resolve, reject) => {
        waiting.push({ pair, config, signal, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const { task } of busy.values()) task.reject(interruptedError(task.pair.id));
      busy.clear();
      for (const task of waiting.splice(0)) task.reject(interruptedError(task.pair.id));
      await Promise.all([...all].map((t) => t.terminate()));
    },
  };
}
