import { pairedRatioInterval, type Interval } from '../stats/bootstrap';
import { relativeHalfWidth, sampleStats, type SampleStats } from '../stats/sample-stats';

/** The timing part of a decoder-bench row: what a Node.js row and a browser page's row compute alike. */
export interface DecoderRowTiming extends SampleStats {
  /** Timed decodes (= samples; kept under its first name for older readers). */
  runs: number;
  /** Output frames per second of the median decode wall time. */
  fps: number;
  /** FPS over the median's 95% interval. */
  fpsCi95: Interval;
  /** 2·MACs / median time (null without MACs: a user's ONNX file is not counted). */
  gflops: number | null;
}

/**
 * Statistics of one decoder's timed decodes (ms): the median with its 95% interval, CV, Tukey
 * outliers and the unstable flag, and FPS (with its interval) and GFLOP/s from them.
 */
export function decoderRowTiming(samplesMs: readonly number[], outputFrames: number, macs: number | null, targetCi: number): DecoderRowTiming {
  const s = sampleStats(samplesMs, { targetCi });
  return {
    runs: s.samples,
    ...s,
    fps: outputFrames / (s.medianMs / 1000),
    fpsCi95: [outputFrames / (s.medianCi95Ms[1] / 1000), outputFrames / (s.medianCi95Ms[0] / 1000)],
    gflops: macs === null ? null : (2 * macs) / (s.medianMs / 1000) / 1e9,
  };
}

/** What a pair's speedup needs of each side's row. */
export interface PairSide {
  samplesMs: readonly number[];
  medianMs: number;
  outputFrames: number;
  samples: number;
  unstable: boolean;
}

/** A baseline/candidate speedup with its interval, and whether it is stable. */
export interface PairSpeedup {
  speedup: number;
  /** 95% percentile-bootstrap interval of median(baseline) / median(turbo) over the paired A B rounds, scaled by the frame counts. */
  speedupCi95: Interval;
  /** Rounds of A B decodes the ratio rests on. */
  pairedRuns: number;
  /** Either row unstable, or the ratio's interval wider than the target. */
  unstable: boolean;
}

/**
 * Turbo FPS / baseline FPS of two rows timed interleaved (A B A B), with the paired-bootstrap
 * interval of the time ratio: FPS ratio = (frames_t / time_t) / (frames_b / time_b).
 */
export function pairSpeedup(baseline: PairSide, turbo: PairSide, targetCi: number): PairSpeedup {
  const frames = turbo.outputFrames / baseline.outputFrames;
  const ci = pairedRatioInterval(baseline.samplesMs, turbo.samplesMs);
  const speedupCi95: Interval = [ci[0] * frames, ci[1] * frames];
  const speedup = (baseline.medianMs / turbo.medianMs) * frames;
  return { speedup, speedupCi95, pairedRuns: baseline.samples, unstable: baseline.unstable || turbo.unstable || !(relativeHalfWidth(speedupCi95, speedup) <= targetCi) };
}

/** What names a decoder-bench row, natively or in a page: the model and the video it decodes. */
export interface DecoderRowIdentity {
  model: string;
  label: string;
  height: number;
  width: number;
  latentFrames: number;
  outputFrames: number;
}
