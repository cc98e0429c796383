// @evalkit/bench/statistics: the pure part of the package (statistics, sampling, ceiling arithmetic),
// safe in a browser page: no child processes, files or onnxruntime-node. kernel-bench imports this.
export { sampleStats, relativeHalfWidth, instabilityReasons, UNSTABLE_CV, DEFAULT_TARGET_CI } from './stats/sample-stats';
export type { SampleStats, SampleStatsOptions } from './stats/sample-stats';
export { bootstrapMedianInterval, pairedRatioInterval, independentRatioInterval } from './stats/bootstrap';
export type { Interval, BootstrapOptions } from './stats/bootstrap';
export { tukeyOutliers } from './stats/outliers';
export type { TukeyOutliers } from './stats/outliers';
export { formatWithInterval } from './stats/format-interval';
export { sampleInterleaved, timedByCaller } from './sampling/adaptive-sampling';
export type { SamplingOptions, SamplingOutcome, StopReason, TimedRun } from './sampling/adaptive-sampling';
export { applyCeiling, rooflineBound } from './ceilings/roofline';
export type { AppliedCeiling } from './ceilings/roofline';
export { decoderRowTiming, pairSpeedup } from './decoders/decoder-row-statistics';
export type { DecoderRowIdentity, DecoderRowTiming, PairSide, PairSpeedup } from './decoders/decoder-row-statistics';
