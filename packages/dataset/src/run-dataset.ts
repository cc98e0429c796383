import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ERROR_CODES, EvalkitError, type ErrorCode } from '@evalkit/core';
import type { DatasetConfig } from './config';
import { evaluatePair, interruptedError } from './evaluate-pair';
import { openRowJournal, type RowJournal } from './io/row-journal';
import type { DatasetPair, PairRow } from './pair';
import type { PoolReply, PoolRequest } from './parallel/pool-messages';
import { canonicalRow, decodePairRow } from './rows';

/** Where a dataset run stands, reported after every frame and every finished video. */
export interface DatasetProgress {
  /** Videos finished (evaluated or failed), counting those resumed from the journal. */
  videosDone: number;
  videosTotal: number;
  /** Videos taken from the journal of an interrupted run. */
  resumed: number;
  failed: number;
  /** Frames compared in this run. */
  framesDone: number;
  elapsedMs: number;
  /** Estimated time to finish from this run's pace over videos; null before the first video finishes. */
  etaMs: number | null;
}

/** Options of runDataset. */
export interface RunDatasetOptions {
  /** Worker threads, one pair each at a time (default: the logical cores). 1 evaluates on this thread. */
  workers?: number;
  /** Stops the run: in-flight pairs are abandoned, finished ones stay in the journal; throws EVK_INTERRUPTED. */
  signal?: AbortSignal;
  /** The ffmpeg executable for video files. */
  ffmpeg?: string;
  /** Journal file: finished rows are recorded there as they finish, and read back to resume. */
  journal?: string;
  onProgress?: (progress: DatasetProgress) => void;
}

/** The plain-JS entry that registers tsx before loading the TypeScript worker (works under tsx and jest alike). */
export const PAIR_WORKER_ENTRY = join(__dirname, 'parallel', 'pair-worker-entry.js');

/** Workers for a run: the request, else the cores; never more than the pairs. */
export function workerCount(requested: number | undefined, pairs: number): number {
  const wanted = requested ?? availableParallelism();
  if (!Number.isInteger(wanted) || wanted < 1) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'must be a positive integer', { field: 'workers', value: requested });
  return Math.max(1, Math.min(wanted, pairs));
}

/** An error from a worker thread, rebuilt with its code and its message unchanged. */
function rebuildError(reply: Extract<PoolReply, { type: 'error' }>): Error {
  if (reply.code) return new EvalkitError(reply.code as ErrorCode, reply.message);
  const error = new Error(reply.message);
  error.name = reply.name;
  return error;
}

/**
 * Evaluates every pair with a pool of worker threads and returns one row per pair (in no set order;
 * assembleDatasetDocument sorts them). With a journal, rows finished by an earlier, interrupted run of
 * the same config are taken from it and every new row is recorded as it finishes. A pair whose input
 * is bad gives a failed row; an error of another kind (no ffmpeg on this machine) stops the run.
 */
export async function runDataset(pairs: readonly DatasetPair[], config: DatasetConfig, options: RunDatasetOptions = {}): Promise<PairRow[]> {
  const journal: RowJournal | undefined = options.journal === undefined ? undefined : openRowJournal(options.journal, config);
  const wanted = new Set(pairs.map((p) => p.id));
  const rows = new Map<string, PairRow>();
  for (const row of journal?.rows ?? []) if (wanted.has(row.id)) rows.set(row.id, row);
  const todo = pairs.filter((p) => !rows.has(p.id));
  const started = Date.now();
  const resumed = rows.size;
  let framesDone = 0;
  let finishedHere = 0;
  const progress = (): DatasetProgress => {
    const elapsedMs = Date.now() - started;
    const failed = [...rows.values()].filter((r) => r.status === 'failed').length;
    const etaMs = finishedHere > 0 ? (elapsedMs / finishedHere) * (todo.length - finishedHere) : null;
    return { videosDone: rows.size, videosTotal: pairs.length, resumed, failed, framesDone, elapsedMs, etaMs };
  };
  const finish = (row: PairRow) => {
    rows.set(row.id, row);
    journal?.append(row);
    finishedHere++;
    options.onProgress?.(progress());
  };
  const frame = () => {
    framesDone++;
    options.onProgress?.(progress());
  };
  options.onProgress?.(progress());
  if (options.signal?.aborted) throw interruptedError(todo[0]?.id ?? '');
  const workers = workerCount(options.workers, todo.length);
  if (todo.length > 0) {
    if (workers === 1) {
      for (const pair of todo) finish(await evaluatePair(pair, config, options.signal, { ffmpeg: options.ffmpeg, onFrame: frame }));
    } else {
      await runOnThreads(todo, config, workers, options, finish, frame);
    }
  }
  return [...rows.values()].map((r) => canonicalRow(r));
}

/** Spreads pairs over `count` worker threads, the next pair to whichever thread finishes first. */
function runOnThreads(pairs: readonly DatasetPair[], config: DatasetConfig, count: number, options: RunDatasetOptions, finish: (row: PairRow) => void, frame: () => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const threads: Worker[] = [];
    let next = 0;
    let active = 0;
    let settled = false;
    const stop = (error?: Error) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      for (const t of threads) t.postMessage({ type: 'abort' } satisfies PoolRequest);
      // terminate after the abort lands, so each worker's ffmpeg is stopped by its own signal first
      void Promise.all(threads.map((t) => t.terminate())).then(() => (error ? reject(error) : resolve()));
    };
    const onAbort = () => stop(interruptedError(pairs[Math.min(next, pairs.length - 1)].id));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const give = (thread: Worker) => {
      if (settled) return;
      if (next >= pairs.length) {
        if (active === 0) stop();
        return;
      }
      const seq = next++;
      active++;
      thread.postMessage({ type: 'evaluate', seq, pair: pairs[seq], config, ffmpeg: options.ffmpeg } satisfies PoolRequest);
    };
    for (let i = 0; i < count; i++) {
      const thread = new Worker(PAIR_WORKER_ENTRY);
      thread.on('message', (reply: PoolReply) => {
        if (settled) return;
        if (reply.type === 'frame') frame();
        else if (reply.type === 'row') {
          active--;
          finish(decodePairRow(reply.row));
          give(thread);
        } else {
          active--;
          stop(rebuildError(reply));
        }
      });
      thread.on('error', (error) => stop(error));
      // a thread that ends by itself (out of memory, process.exit in a dependency) must not leave the run waiting
      thread.on('exit', (code) => stop(new EvalkitError(ERROR_CODES.RUNTIME, `a worker thread stopped unexpectedly (exit code ${code})`, { field: 'workers', value: count })));
      threads.push(thread);
    }
    for (const t of threads) give(t);
  });
}
