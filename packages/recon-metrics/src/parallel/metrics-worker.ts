import { parentPort } from 'node:worker_threads';
import { computeFrameMetrics } from '../frame-metrics';
import type { WorkerReply, WorkerTask } from './worker-messages';

// One task at a time: the pool never sends a worker more than one.
parentPort?.on('message', (task: WorkerTask) => {
  let reply: WorkerReply;
  try {
    reply = { id: task.id, ok: true, metrics: computeFrameMetrics(task.ref, task.test, task.options) };
  } catch (error) {
    reply = { id: task.id, ok: false, message: (error as Error).message, name: (error as Error).name };
  }
  parentPort?.postMessage(reply);
});
