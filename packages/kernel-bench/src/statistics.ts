/** Latency statistics of one timed task, in milliseconds. */
export interface LatencyStats {
  meanMs: number;
  medianMs: number;
  /** Fastest sample: what a ceiling measurement reports (the best the device did). */
  minMs: number;
  p99Ms: number;
  sdMs: number;
  /** Relative margin of error of the mean, percent. */
  rme: number;
  samples: number;
}

/** The subset of tinybench's Statistics this package reads. */
export interface TinybenchLatency {
  mean: number;
  p50: number;
  min: number;
  p99: number;
  sd: number;
  rme: number;
  samplesCount: number;
}

/** Picks the statistics a kernel-bench row reports out of a tinybench latency record. */
export function latencyStats(latency: TinybenchLatency): LatencyStats {
  return { meanMs: latency.mean, medianMs: latency.p50, minMs: latency.min, p99Ms: latency.p99, sdMs: latency.sd, rme: latency.rme, samples: latency.samplesCount };
}

/** Achieved rates from a median time: GB/s from bytes, GFLOP/s from MACs (2 flops each). */
export function throughput(bytes: number, macs: number, medianMs: number): { gbps: number; gflops: number } {
  const s = medianMs / 1000;
  return { gbps: bytes / s / 1e9, gflops: (2 * macs) / s / 1e9 };
}
