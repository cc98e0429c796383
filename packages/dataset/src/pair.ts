import type { MetricMeans } from '@evalkit/recon-metrics';

/** One reference/test video pair of a dataset; paths are absolute. */
export interface DatasetPair {
  /** Unique name of the pair within its dataset (a manifest's `id`, or the relative path in --ref-dir). */
  id: string;
  /** Reference video: a video file, .y4m, .npy, image or folder of frames. */
  ref: string;
  /** The decoder output scored against the reference. */
  test: string;
  /** A baseline decoder's output of the same reference, for quality retention (optional). */
  baseline?: string;
}

/** What was read for one side of a pair: the container format and, for video files, what ffprobe reported. */
export type MediaInfo = Record<string, unknown>;

/** The per-video row of a pair that was evaluated. */
export interface EvaluatedPairRow {
  id: string;
  status: 'ok';
  /** Frames compared. */
  frames: number;
  /** Means over the frames of this video (psnr, psnrPooled, ssim, msssim, flicker as configured). */
  metrics: MetricMeans;
  /** The same means for the baseline output, when the dataset has a baseline. */
  baseline?: MetricMeans;
  /** What each side was read from (format; ffprobe's stream facts for video files). */
  media: { ref: MediaInfo; test: MediaInfo; baseline?: MediaInfo };
}

/** The row of a pair whose input could not be evaluated (a corrupt file, mismatched sizes): recorded, not thrown. */
export interface FailedPairRow {
  id: string;
  status: 'failed';
  /** The EvalkitError's stable code and its message (naming file, field and value). */
  error: { code: string; message: string };
}

/** One row per video of a dataset document. */
export type PairRow = EvaluatedPairRow | FailedPairRow;
