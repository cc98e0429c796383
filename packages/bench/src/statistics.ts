// @evalkit/bench/statistics: the pure part of the package (statistics, sampling, ceiling arithmetic),
// safe in a browser page: no child processes, files or onnxruntime-node. kernel-bench imports this.
export { sampleStats, DEFAULT_TARGET_CI } from './stats/sample-stats';
export type { SampleStats } from './stats/sample-stats';
export { independentRatioInterval } from './stats/bootstrap';
export { formatWithInterval } from './stats/format-interval';
export { sampleInterleaved, timedByCaller } from './sampling/adaptive-sampling';
export type { SamplingOptions, StopReason } from './sampling/adaptive-sampling';
export { applyCeiling, rooflineBound } from './ceilings/roofline';
export { decoderRowTiming, pairSpeedup } from './decoders/decoder-row-statistics';
export type { DecoderRowIdentity, DecoderRowTiming, PairSpeedup } from './decoders/decoder-row-statistics';
