import type { DeviceCeilings } from '../ceilings/measure-ceilings';
import type { AppliedCeiling } from '../ceilings/roofline';
import type { SystemLoad } from '../io/system-load';
import type { StopReason } from '../sampling/adaptive-sampling';
import type { Interval } from '../stats/bootstrap';
import type { SampleStats } from '../stats/sample-stats';

/** One row of a decoder-bench result document (docs/result-documents.md, kind decoder-bench). */
export interface DecoderBenchRow extends Omit<SampleStats, 'outliers'>, Record<string, unknown> {
  /** The row's name, unique in the document and used by pairs: the user's label, else the zoo name. */
  model: string;
  /** Display label: the zoo's (e.g. "HunyuanVideo"), or the user's label. */
  label: string;
  /** What ran: a graph built by the zoo, a user's ONNX file (both in onnxruntime), or the reference PyTorch model run eagerly (torch:NAME). */
  source: 'zoo' | 'file' | 'torch';
  /** The zoo decoder's name (null for a file or a torch row). */
  zooModel: string | null;
  /** The safetensors checkpoint a zoo graph or a torch model was built with (null: seeded weights, or a file). */
  weights: string | null;
  /** For a torch row: which reference decoder ran, on which torch and python, from which checkout and commit. */
  reference?: { model: string; torch: string; python: string; code: string; commit: string | null };
  /** For a file model: the path as given, its size in bytes and its SHA-256 (hex); null for zoo graphs. */
  file: { path: string; bytes: number; sha256: string } | null;
  /** The latents file decoded (null: seeded N(0,1) latents). */
  latents: string | null;
  /** Output height and width in pixels (from the decoded output). */
  height: number;
  width: number;
  latentFrames: number;
  outputFrames: number;
  /** Timed decodes (= samples; kept under its first name for older readers). */
  runs: number;
  outliers: SampleStats['outliers'];
  /** Output frames per second of the median decode wall time. */
  fps: number;
  /** FPS over the median's 95% interval. */
  fpsCi95: Interval;
  /** Peak resident set of the child process that built, loaded and ran this model alone. */
  peakRssBytes: number;
  /** Parameters: counted by the zoo's builder, or a file's floating-point initializer elements. */
  params: number;
  /** Multiply-accumulates of one decode (null for a file, whose graph is not counted). */
  macs: number | null;
  /** 2·MACs / median time (null without MACs). */
  gflops: number | null;
  /** gflops / the compute ceiling (measured GEMM, raised by any row above it); never above 1; null when none was measured. */
  ceilingFraction: number | null;
  /** True when this row beat the measured GEMM ceiling (and so raised it). */
  aboveMeasuredCeiling: boolean;
  /** Width multiplier the zoo graph was built with (1 = published decoder; null for a file). */
  widthMult: number | null;
  /** Seconds spent building the graph and starting the session (not timed as decode). */
  setupSeconds: number;
  /** Why sampling of this row (and its pair partner) stopped. */
  stopReason: StopReason;
  /** Mean of the last decoded output: a checksum that shows which latents and weights were decoded. */
  outputMean: number;
}

/** A baseline/candidate pair timed interleaved: candidate FPS / baseline FPS with its paired-bootstrap interval. */
export interface DecoderPair extends Record<string, unknown> {
  /** Row name (`model`) of the baseline. */
  baseline: string;
  /** Row name of the candidate (a Turbo decoder, or the user's own). */
  candidate: string;
  /** The candidate again, under its first name, for older readers. */
  turbo: string;
  speedup: number;
  /** 95% percentile-bootstrap interval of median(baseline) / median(turbo) over the paired A B rounds. */
  speedupCi95: Interval;
  /** Rounds of A B decodes the ratio rests on. */
  pairedRuns: number;
  /** Either row unstable, or the ratio's interval wider than the target. */
  unstable: boolean;
  /** The paper's GPU speedup at 512×512 when both sides are zoo decoders the paper timed. */
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
  /** torch:NAME models left out because python3-torch or the reference code is missing, with the reason (not a failure). */
  skipped: { model: string; reason: string }[];
}
