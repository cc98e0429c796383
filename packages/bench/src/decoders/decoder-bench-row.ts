import type { DecoderRowIdentity } from './decoder-row-statistics';
import type { DeviceCeilings } from '../ceilings/measure-ceilings';
import type { AppliedCeiling } from '../ceilings/roofline';
import type { SystemLoad } from '../io/system-load';
import type { StopReason } from '../sampling/adaptive-sampling';
import type { Interval } from '../stats/bootstrap';
import type { SampleStats } from '../stats/sample-stats';

/** One row of a decoder-bench result document (docs/result-documents.md, kind decoder-bench). */
export interface DecoderBenchRow extends DecoderRowIdentity, Omit<SampleStats, 'outliers'>, Record<string, unknown> {
  /** Timed decodes (= samples; kept under its first name for older readers). */
  runs: number;
  outliers: SampleStats['outliers'];
  /** Output frames per second of the median decode wall time. */
  fps: number;
  /** FPS over the median's 95% interval. */
  fpsCi95: Interval;
  /** Peak resident set of the child process that built, loaded and ran this model alone. */
  peakRssBytes: number;
  params: number;
  macs: number;
  /** 2·MACs / median time. */
  gflops: number;
  /** gflops / the compute ceiling (measured GEMM, raised by any row above it); never above 1; null when none was measured. */
  ceilingFraction: number | null;
  /** True when this row beat the measured GEMM ceiling (and so raised it). */
  aboveMeasuredCeiling: boolean;
  /** Width multiplier the graph was built with (1 = published decoder). */
  widthMult: number;
  /** Seconds spent building the graph and starting the session (not timed as decode). */
  setupSeconds: number;
  /** Why sampling of this row (and its pair partner) stopped. */
  stopReason: StopReason;
}

/** A baseline/Turbo pair timed interleaved: Turbo FPS / baseline FPS with its paired-bootstrap interval. */
export interface DecoderPair extends Record<string, unknown> {
  baseline: string;
  turbo: string;
  speedup: number;
  /** 95% percentile-bootstrap interval of median(baseline) / median(turbo) over the paired A B rounds. */
  speedupCi95: Interval;
  /** Rounds of A B decodes the ratio rests on. */
  pairedRuns: number;
  /** Either row unstable, or the ratio's interval wider than the target. */
  unstable: boolean;
  paperGpuSpeedup: number | null;
}

/** The summary of a decoder-bench document. */
export interface DecoderBenchSummary extends Record<string, unknown> {
  /** The compute ceiling fractions are against (GFLOP/s): measured GEMM, or a row above it. */
  matmulCeilingGflops: number | null;
  /** How the ceilings were obtained and whether a row raised the compute one (null with --no-ceiling). */
  ceilings: (DeviceCeilings & { compute: AppliedCeiling }) | null;
  pairs: DecoderPair[];
  sampling: { minRuns: number; maxRuns: number; maxTimeMs: number; targetCi: number; warmup: number; interleaved: boolean };
  /** Load average and busiest other processes before and after the timed runs. */
  system: { before: SystemLoad; after: SystemLoad };
  /** How the child processes were pinned to CPUs. */
  pin: string;
  /** Models that failed, with the reason (their rows are absent). */
  errors: { model: string; error: string }[];
}
