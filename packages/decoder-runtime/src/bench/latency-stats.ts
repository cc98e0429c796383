/** Latency statistics of repeated decodes, in milliseconds. */
export interface DecodeLatency {
  meanMs: number;
  medianMs: number;
  /** 99th percentile (nearest rank). */
  p99Ms: number;
  /** Sample standard deviation (n − 1); 0 for one sample. */
  sdMs: number;
  minMs: number;
  runs: number;
}

/** Statistics of timing samples (ms): mean, median (average of the middle two), p99 by nearest rank, sd. */
export function latencyOf(samples: readonly number[]): DecodeLatency {
  if (samples.length === 0) throw new RangeError('latencyOf needs at least one sample');
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = sorted.reduce((s, v) => s + v, 0) / n;
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  const p99 = sorted[Math.min(n - 1, Math.ceil(0.99 * n) - 1)];
  const sd = n > 1 ? Math.sqrt(sorted.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : 0;
  return { meanMs: mean, medianMs: median, p99Ms: p99, sdMs: sd, minMs: sorted[0], runs: n };
}

/** Runs `fn` `warmup` times untimed, then `runs` times timed (wall clock, ms). */
export async function timeRuns(fn: () => Promise<unknown>, runs: number, warmup: number, onRun?: (i: number) => void): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    onRun?.(i + 1);
  }
  return samples;
}
