import type { Frame } from '../frame';
import type { FrameMetricOptions, FrameMetrics } from '../frame-metrics';

/** A frame pair sent to a worker thread. */
export interface WorkerTask {
  id: number;
  ref: Frame;
  test: Frame;
  options: FrameMetricOptions;
}

/** A worker's answer: metrics, or the error message of a failed computation. */
export type WorkerReply = { id: number; ok: true; metrics: FrameMetrics } | { id: number; ok: false; message: string; name: string };
