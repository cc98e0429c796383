import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { Frame } from '../frame';
import { computeFrameMetrics, type FrameMetricOptions, type FrameMetrics } from '../frame-metrics';
import type { WorkerReply, WorkerTask } from './worker-messages';

/** Computes frame metrics, spread over worker threads (or inline with one thread). */
export interface MetricsPool {
  readonly threads: number;
  /** Computes the metrics of one frame pair. */
  compute(ref: Frame, test: Frame, options: FrameMetricOptions): Promise<FrameMetrics>;
  /** Stops the worker threads; pending work is rejected. */
  close(): Promise<void>;
}

/** The plain-JS entry that registers tsx before loading the TypeScript worker (works under tsx and jest alike). */
export const WORKER_ENTRY = join(__dirname, 'metrics-worker-entry.js');

interface Pending {
  task: WorkerTask;
  resolve: (m: FrameMetrics) => void;
  reject: (e: Error) => void;
}

/** Creates a pool of `threads` worker threads; 1 computes on the calling thread with no workers. */
export function createMetricsPool(threads: number): MetricsPool {
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a positive integer, got ${threads}`);
  if (threads === 1) {
    return {
      threads: 1,
      compute: async (ref, test, options) => computeFrameMetrics(ref, test, options),
      close: async () => {},
    };
  }
  const queue: Pending[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, Pending>();
  let nextId = 0;
  let closed = false;

  const dispatch = () => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop()!;
      const job = queue.shift()!;
      busy.set(worker, job);
      // structured clone copies the frames: the caller keeps its buffers (flicker needs the previous frame)
      worker.postMessage(job.task);
    }
  };

  const workers: Worker[] = [];
  for (let i = 0; i < threads; i++) {
    const worker = new Worker(WORKER_ENTRY);
    worker.on('message', (reply: WorkerReply) => {
      const job = busy.get(worker);
      busy.delete(worker);
      idle.push(worker);
      if (job) {
        if (reply.ok) job.resolve(reply.metrics);
        else {
          const error = reply.name === 'RangeError' ? new RangeError(reply.message) : new Error(reply.message);
          job.reject(error);
        }
      }
      dispatch();
    });
    worker.on('error', (error) => {
      const job = busy.get(worker);
      busy.delete(worker);
      job?.reject(error);
      for (const q of queue.splice(0)) q.reject(error);
    });
    workers.push(worker);
    idle.push(worker);
  }

  return {
    threads,
    compute(ref, test, options) {
      if (closed) return Promise.reject(new Error('metrics pool is closed'));
      return new Promise<FrameMetrics>((resolve, reject) => {
        queue.push({ task: { id: nextId++, ref, test, options }, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const q of queue.splice(0)) q.reject(new Error('metrics pool closed'));
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
