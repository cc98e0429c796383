// Public API of @evalkit/bench.
export { sampleStats, relativeHalfWidth, instabilityReasons, UNSTABLE_CV, DEFAULT_TARGET_CI } from './stats/sample-stats';
export type { SampleStats, SampleStatsOptions } from './stats/sample-stats';
export { bootstrapMedianInterval, pairedRatioInterval, independentRatioInterval } from './stats/bootstrap';
export type { Interval, BootstrapOptions } from './stats/bootstrap';
export { tukeyOutliers } from './stats/outliers';
export type { TukeyOutliers } from './stats/outliers';
export { formatWithInterval } from './stats/format-interval';
export { sampleInterleaved, timedByCaller } from './sampling/adaptive-sampling';
export type { SamplingOptions, SamplingOutcome, StopReason, TimedRun } from './sampling/adaptive-sampling';
export { measureDeviceCeilings } from './ceilings/measure-ceilings';
export type { DeviceCeilings, CeilingOptions } from './ceilings/measure-ceilings';
export { theoreticalPeak, parseCpuInfo } from './ceilings/theoretical-peak';
export type { TheoreticalPeak } from './ceilings/theoretical-peak';
export { applyCeiling, rooflineBound } from './ceilings/roofline';
export type { AppliedCeiling } from './ceilings/roofline';
export { systemLoad } from './io/system-load';
export type { SystemLoad } from './io/system-load';
export { pinPlan } from './io/cpu-affinity';
export type { PinPlan } from './io/cpu-affinity';
export { runDecoderBench } from './decoders/run-decoder-bench';
export type { DecoderBenchOptions, DecoderBenchOutcome } from './decoders/run-decoder-bench';
export type { DecoderBenchRow, DecoderBenchSummary, DecoderPair } from './decoders/decoder-bench-row';
// The one rule lives with the zoo; re-exported for bench's importers.
export { latentFramesFor } from '@evalkit/decoder-zoo';
export { DecoderChild, runZooDecodeJobInChild } from './jobs/run-job-in-child';
export type { ZooDecodeJob, ZooDecodeJobResult, ZooDecodeSetup } from './jobs/zoo-decode-job';
// Comparing documents: two runs of a benchmark (`evalkit compare A B`) and kernel documents of several devices (`evalkit compare kernels`).
export { compareDocuments, verdictOf } from './compare/compare-documents';
export type { DocumentComparison, ComparedChange, Verdict } from './compare/compare-documents';
export { compareKernelDocuments, KERNEL_BENCH_HINT } from './compare/compare-kernel-devices';
export type { KernelComparison, ComparedRow, ComparedRatio, DeviceColumn } from './compare/compare-kernel-devices';
export type { SourcedDocument } from './compare/sourced-document';
