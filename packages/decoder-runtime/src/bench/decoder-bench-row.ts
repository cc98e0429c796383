/** One row of a decoder-bench result document (docs/result-documents.md, kind decoder-bench). */
export interface DecoderBenchRow extends Record<string, unknown> {
  model: string;
  label: string;
  height: number;
  width: number;
  latentFrames: number;
  outputFrames: number;
  runs: number;
  meanMs: number;
  medianMs: number;
  p99Ms: number;
  sdMs: number;
  minMs: number;
  /** Output frames per second of median decode wall time. */
  fps: number;
  /** Peak resident set of the child process that built, loaded and ran this model alone. */
  peakRssBytes: number;
  params: number;
  macs: number;
  /** 2·MACs / median time. */
  gflops: number;
  /** gflops / the MatMul ceiling measured in the same run (null when none was measured). */
  ceilingFraction: number | null;
  /** Width multiplier the graph was built with (1 = published decoder). */
  widthMult: number;
  /** Seconds spent building the graph and starting the session (not timed as decode). */
  setupSeconds: number;
}

/** The summary of a decoder-bench document. */
export interface DecoderBenchSummary extends Record<string, unknown> {
  matmulCeilingGflops: number | null;
  pairs: { baseline: string; turbo: string; speedup: number; paperGpuSpeedup: number | null }[];
  /** Models that failed, with the reason (their rows are absent). */
  errors?: { model: string; error: string }[];
}
