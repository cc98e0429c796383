// Public API of @evalkit/bench.
export { formatWithInterval } from './stats/format-interval';
export type { SamplingOptions } from './sampling/adaptive-sampling';
export { measureDeviceCeilings, type DeviceCeilings } from './ceilings/measure-ceilings';
export type { AppliedCeiling } from './ceilings/roofline';
export { systemLoad } from './io/system-load';
export { runDecoderBench } from './decoders/run-decoder-bench';
export { SESSION_SUFFIX_HELP } from './decoders/session-overrides';
export type { DecoderBenchRow, DecoderBenchSummary } from './decoders/decoder-bench-row';
// The one rule lives with the zoo; re-exported for bench's importers.
export { parseBenchModels, filesByModel } from './decoders/bench-models';
// Comparing documents: two runs of a benchmark (`evalkit compare A B`) and kernel documents of several devices (`evalkit compare kernels`).
export { compareDocuments, type DocumentComparison } from './compare/compare-documents';
export { compareKernelDocuments, KERNEL_BENCH_HINT, type KernelComparison } from './compare/compare-kernel-devices';
export { runMetricsBench, type MetricsBenchOutcome, type MetricsBenchRow } from './metrics/run-metrics-bench';
export { referencePython } from './io/skimage-metrics-timing';
