import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import { assertSameShape, scaleFrame, type Frame } from './frame';
import { flickerBetween } from './flicker';
import { computeFrameMetrics, type FrameMetricOptions } from './frame-metrics';
import { lumaBt601 } from './luma';
import { MS_SSIM_MIN_SIDE } from './ms-ssim';
import type { MetricsPool } from './parallel/metrics-pool';
import { videoPsnr } from './psnr';
import type { FrameTransform, VideoSource } from './video-source';
import type { MetricName } from './metric-info';
import { qualityRetention, type QualityRetention } from './retention';

/** Options of a video or dataset evaluation. */
export interface EvaluateOptions {
  metrics: readonly MetricName[];
  ssimVariant: FrameMetricOptions['ssimVariant'];
  /** Data range of the frames as compared (after `scale`). */
  dataRange: number;
  luma: boolean;
  /** Compare at most this many frames (the first ones); both videos must have at least this many. */
  maxFrames?: number;
  /** Applied to every frame before comparing (e.g. resize and centre crop). */
  transform?: FrameTransform;
  /** Multiplies samples after the transform (1/255 puts 8-bit data on [0,1]). */
  scale?: number;
  /** Called after each frame pair is done. */
  onFrame?: (video: string, index: number) => void;
}

/** One row per frame of the result document (flicker is absent on frame 0, which has no predecessor). */
export interface FrameRow {
  video: string;
  index: number;
  psnr?: number;
  ssim?: number;
  msssim?: number;
  flicker?: number;
  mse: number;
}

/** Means of one video (or of a dataset, over its videos). */
export interface MetricMeans {
  psnr?: number;
  psnrPooled?: number;
  ssim?: number;
  msssim?: number;
  flicker?: number;
}

/** One video's summary. */
export interface VideoSummary extends MetricMeans {
  video: string;
  frames: number;
}

/** A video pair's evaluation. */
export interface VideoEvaluation {
  rows: FrameRow[];
  summary: VideoSummary;
}

/** A dataset's evaluation: per-frame rows, per-video summaries and the means over videos. */
export interface DatasetEvaluation {
  rows: FrameRow[];
  perVideo: VideoSummary[];
  mean: MetricMeans;
}

const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

/** Evaluates one reference/test video pair frame by frame, the SSIM work spread over the pool. */
export async function evaluateVideoPair(name: string, ref: VideoSource, test: VideoSource, pool: MetricsPool, options: EvaluateOptions): Promise<VideoEvaluation> {
  const wanted = new Set(options.metrics);
  let count = ref.frameCount;
  if (options.maxFrames !== undefined) {
    if (ref.frameCount < options.maxFrames || test.frameCount < options.maxFrames) {
      const short = ref.frameCount < options.maxFrames ? ref : test;
      throw new EvalkitError(
        ERROR_CODES.MISMATCH,
        `needs ${options.maxFrames} frames, but ${short.label} has ${short.frameCount} (reference ${ref.label}: ${ref.frameCount}, test ${test.label}: ${test.frameCount})`,
        { file: short.label, field: 'frames', value: short.frameCount },
      );
    }
    count = options.maxFrames;
  } else if (ref.frameCount !== test.frameCount) {
    throw new EvalkitError(
      ERROR_CODES.MISMATCH,
      `frame count mismatch: reference ${ref.label} has ${ref.frameCount} frames, test ${test.label} has ${test.frameCount}`,
      { file: test.label, field: 'frames', value: test.frameCount },
    );
  }
  if (count === 0) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'video has no frames', { file: ref.label, field: 'frames', value: 0 });
  const frameOptions: FrameMetricOptions = {
    psnr: wanted.has('psnr'),
    ssim: wanted.has('ssim'),
    msssim: wanted.has('msssim'),
    ssimVariant: options.ssimVariant,
    dataRange: options.dataRange,
    luma: options.luma,
  };
  const prepare = async (source: VideoSource, index: number): Promise<Frame> => {
    let frame = await source.readFrame(index);
    if (options.transform) frame = await options.transform(frame);
    if (options.scale !== undefined && options.scale !== 1) frame = scaleFrame(frame, options.scale);
    return frame;
  };
  const rows: FrameRow[] = [];
  const pending: Promise<void>[] = [];
  let prev: { ref: Frame; test: Frame } | undefined;
  // at most a few pairs in flight per worker keeps memory bounded on long videos
  const inFlightLimit = pool.threads * 2;
  for (let index = 0; index < count; index++) {
    const [r, t] = await Promise.all([prepare(ref, index), prepare(test, index)]);
    assertSameShape(r, t, { ref: ref.label, test: test.label }, index);
    if (index === 0) checkSizeFits(r, ref, test, frameOptions);
    const row: FrameRow = { video: name, index, mse: NaN };
    rows.push(row);
    if (wanted.has('flicker') && prev) {
      const lr = options.luma ? [lumaBt601(prev.ref), lumaBt601(r)] : [prev.ref, r];
      const lt = options.luma ? [lumaBt601(prev.test), lumaBt601(t)] : [prev.test, t];
      row.flicker = flickerBetween(lr[0], lr[1], lt[0], lt[1], options.dataRange);
    }
    prev = { ref: r, test: t };
    // A one-frame video (an image pair) has nothing to spread over the pool's workers: its SSIM is
    // split over the same number of threads by column strips instead.
    const job = (count === 1 && pool.threads > 1 ? Promise.resolve(computeFrameMetrics(r, t, { ...frameOptions, threads: pool.threads })) : pool.compute(r, t, frameOptions)).then((m) => {
      Object.assign(row, m);
      options.onFrame?.(name, index);
    });
    // marks the rejection handled now; it still surfaces when the job is awaited below
    job.catch(() => {});
    pending.push(job);
    if (pending.length >= inFlightLimit) await pending.shift();
  }
  await Promise.all(pending);
  const summary: VideoSummary = { video: name, frames: count };
  if (frameOptions.psnr) {
    const p = videoPsnr(rows.map((r) => r.mse), options.dataRange);
    summary.psnr = p.meanOfFrames;
    summary.psnrPooled = p.pooled;
  }
  if (frameOptions.ssim) summary.ssim = mean(rows.map((r) => r.ssim!));
  if (frameOptions.msssim) summary.msssim = mean(rows.map((r) => r.msssim!));
  if (wanted.has('flicker')) {
    const f = rows.filter((r) => r.flicker !== undefined).map((r) => r.flicker!);
    if (f.length > 0) summary.flicker = mean(f);
  }
  return { rows, summary };
}

/** Rejects frames too small for the chosen window before any work is spread over threads. */
function checkSizeFits(frame: Frame, ref: VideoSource, test: VideoSource, options: FrameMetricOptions): void {
  const needs: [boolean, number, string][] = [
    [options.ssim, options.ssimVariant === 'wang' ? 11 : 7, `SSIM (${options.ssimVariant}) window`],
    [options.msssim, MS_SSIM_MIN_SIDE, 'MS-SSIM (5 scales of an 11-tap window)'],
  ];
  for (const [wanted, side, what] of needs) {
    if (wanted && (frame.width < side || frame.height < side)) {
      throw new EvalkitError(
        ERROR_CODES.INVALID_INPUT,
        `frames of reference ${ref.label} and test ${test.label} are ${frame.width}x${frame.height}, smaller than the ${side}x${side} that ${what} needs`,
        { file: ref.label, field: 'size', value: `${frame.width}x${frame.height}` },
      );
    }
  }
}

/** Means over videos (each video weighs the same, as in the papers' dataset tables). */
export function datasetMeans(perVideo: readonly VideoSummary[]): MetricMeans {
  const out: MetricMeans = {};
  for (const key of ['psnr', 'psnrPooled', 'ssim', 'msssim', 'flicker'] as const) {
    const values = perVideo.map((v) => v[key]).filter((v): v is number => v !== undefined);
    if (values.length > 0) out[key] = mean(values);
  }
  return out;
}

/** A named reference/test pair of videos. */
export interface VideoPair {
  name: string;
  ref: VideoSource;
  test: VideoSource;
}

/** Evaluates every pair (one video at a time, frames in parallel) and the dataset means. */
export async function evaluateDataset(pairs: readonly VideoPair[], pool: MetricsPool, options: EvaluateOptions): Promise<DatasetEvaluation> {
  const rows: FrameRow[] = [];
  const perVideo: VideoSummary[] = [];
  for (const pair of pairs) {
    try {
      const result = await evaluateVideoPair(pair.name, pair.ref, pair.test, pool, options);
      rows.push(...result.rows);
      perVideo.push(result.summary);
    } finally {
      // a video file's ffmpeg may still be running (fewer frames compared than it holds)
      await Promise.all([pair.ref.close?.(), pair.test.close?.()]);
    }
  }
  return { rows, perVideo, mean: datasetMeans(perVideo) };
}

/** Retention of every metric present in both means (test decoder vs baseline decoder). */
export function retentionOf(baseline: MetricMeans, test: MetricMeans): QualityRetention[] {
  const out: QualityRetention[] = [];
  for (const key of ['psnr', 'psnrPooled', 'ssim', 'msssim', 'flicker'] as const) {
    const b = baseline[key];
    const t = test[key];
    if (b !== undefined && t !== undefined) out.push(qualityRetention(key, b, t));
  }
  return out;
}
