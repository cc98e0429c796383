import { ERROR_CODES, EvalkitError, fromSystemError, isEvalkitError } from '@evalkit/core';
import {
  createMetricsPool,
  evaluateVideoPair,
  METRICS_PRESETS,
  openVideoSource,
  resizeCenterCrop,
  type EvaluateOptions,
  type MetricMeans,
  type OpenInputOptions,
  type SourceInfo,
  type VideoSource,
} from '@evalkit/recon-metrics';
import type { DatasetConfig } from './config';
import type { DatasetPair, EvaluatedPairRow, FailedPairRow, MediaInfo, PairRow } from './pair';
import { canonicalMeans } from './rows';

/** Per-machine options of evaluating a pair (not part of the document config). */
export interface PairOptions {
  /** The ffmpeg executable for video files (default: EVALKIT_FFMPEG, then ffmpeg on PATH). */
  ffmpeg?: string;
  /** Called after each frame pair is scored (progress). */
  onFrame?: () => void;
}

/** Codes of errors that belong to a pair's input: the pair is recorded as failed, the run goes on. */
const INPUT_ERROR_CODES: ReadonlySet<string> = new Set([
  ERROR_CODES.INVALID_INPUT,
  ERROR_CODES.INVALID_DOCUMENT,
  ERROR_CODES.FILE_NOT_FOUND,
  ERROR_CODES.UNSUPPORTED,
  ERROR_CODES.MISMATCH,
  ERROR_CODES.INVALID_ARGUMENT,
]);

/** The error a cancelled evaluation throws (never a failed row: the pair was not judged). */
export function interruptedError(id: string): EvalkitError {
  return new EvalkitError(ERROR_CODES.INTERRUPTED, 'evaluation interrupted', { field: 'id', value: id });
}

/** Evaluation options of recon-metrics for a config (the preset's resize and scale included). */
export function evaluateOptionsFor(config: DatasetConfig, dataRange: number, label = 'input'): EvaluateOptions {
  const options: EvaluateOptions = { metrics: config.metrics, ssimVariant: config.ssimVariant, dataRange, luma: config.luma };
  if (config.maxFrames !== null) options.maxFrames = config.maxFrames;
  if (config.preset !== null) {
    const preset = METRICS_PRESETS[config.preset];
    if (!preset) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'unknown preset', { field: 'preset', value: config.preset });
    options.scale = 1 / preset.divideBy;
    options.transform = (frame) => resizeCenterCrop(frame, preset.resize, label);
  }
  return options;
}

interface Opened {
  source: VideoSource;
  info: SourceInfo;
}

function mediaOf(opened: Opened): MediaInfo {
  return { format: opened.info.kind, dtype: opened.info.dtype, ...(opened.info.media ?? {}) };
}

/**
 * Scores one pair: test (and baseline) against the reference, frame by frame on this thread.
 * Never throws for a problem of the pair's own files (missing, corrupt, mismatched, too small):
 * that is a row with status 'failed' and the error. It throws when interrupted through `signal`
 * (EVK_INTERRUPTED) and for faults of this machine (no ffmpeg), which another machine may not have.
 */
export async function evaluatePair(pair: DatasetPair, config: DatasetConfig, signal?: AbortSignal, options: PairOptions = {}): Promise<PairRow> {
  if (signal?.aborted) throw interruptedError(pair.id);
  const opened: Opened[] = [];
  const pool = createMetricsPool(1);
  try {
    const inputOptions: OpenInputOptions = { allowNonfinite: config.allowNonfinite, ffmpeg: options.ffmpeg };
    const open = (path: string): Opened => {
      const o = openVideoSource(path, inputOptions);
      opened.push(o);
      return o;
    };
    const ref = open(pair.ref);
    const test = open(pair.test);
    const baseline = pair.baseline === undefined ? undefined : open(pair.baseline);
    const sides = [test, ...(baseline ? [baseline] : [])];
    for (const side of sides) {
      if (side.info.floatData !== ref.info.floatData) {
        throw new EvalkitError(ERROR_CODES.MISMATCH, `reference ${ref.source.label} holds ${ref.info.dtype} samples but ${side.source.label} holds ${side.info.dtype}: one data range cannot fit both`, {
          file: side.source.label,
          field: 'dtype',
          value: `${ref.info.dtype} vs ${side.info.dtype}`,
        });
      }
    }
    const floatData = ref.info.floatData;
    if (floatData && config.dataRange === null && config.preset === null) {
      throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'floating-point .npy input needs a data range (--data-range 1 for [0,1] data)', { file: ref.source.label, field: 'dataRange', value: null });
    }
    const evalOptions = evaluateOptionsFor(config, config.dataRange ?? 255, pair.test);
    evalOptions.onFrame = () => {
      if (signal?.aborted) throw interruptedError(pair.id);
      options.onFrame?.();
    };
    const scored = await evaluateVideoPair(pair.id, ref.source, test.source, pool, evalOptions);
    let baselineMeans: MetricMeans | undefined;
    if (baseline) baselineMeans = canonicalMeans((await evaluateVideoPair(pair.id, ref.source, baseline.source, pool, evalOptions)).summary);
    const row: EvaluatedPairRow = {
      id: pair.id,
      status: 'ok',
      frames: scored.summary.frames,
      metrics: canonicalMeans(scored.summary),
      ...(baselineMeans ? { baseline: baselineMeans } : {}),
      media: { ref: mediaOf(ref), test: mediaOf(test), ...(baseline ? { baseline: mediaOf(baseline) } : {}) },
    };
    return row;
  } catch (error) {
    if (signal?.aborted) throw interruptedError(pair.id);
    const failure = inputFailure(error);
    if (!failure) throw error;
    const row: FailedPairRow = { id: pair.id, status: 'failed', error: { code: failure.code, message: failure.message } };
    return row;
  } finally {
    await pool.close();
    await Promise.all(opened.map((o) => o.source.close?.()));
  }
}

/** The EvalkitError of a pair's input problem, or undefined for anything else (a bug, an interruption, a missing tool). */
function inputFailure(error: unknown): EvalkitError | undefined {
  if (isEvalkitError(error)) return INPUT_ERROR_CODES.has(error.code) ? error : undefined;
  const system = fromSystemError(error);
  return system && INPUT_ERROR_CODES.has(system.code) ? system : undefined;
}
