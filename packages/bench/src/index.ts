// Public API of @evalkit/bench.
export { sampleStats, relativeHalfWidth, instabilityReasons, UNSTABLE_CV, DEFAULT_TARGET_CI } from './stats/sample-stats';
export type { SampleStats, SampleStatsOptions } from './stats/sample-stats';
export { bootstrapMedianInterval, pairedRatioInterval, independentRatioInterval } from './stats/bootstrap';
export type { Interval, BootstrapOptions } from './stats/bootstrap';
export { tukeyOutliers } from './stats/outliers';
export type { TukeyOutliers } from './stats/outliers';
export { formatWithInterval } from './stats/format-interval';
