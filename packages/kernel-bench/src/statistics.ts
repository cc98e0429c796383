/** Achieved rates from a median time: GB/s from bytes, GFLOP/s from MACs (2 flops each). */
export function throughput(bytes: number, macs: number, medianMs: number): { gbps: number; gflops: number } {
  const s = medianMs / 1000;
  return { gbps: bytes / s / 1e9, gflops: (2 * macs) / s / 1e9 };
}
