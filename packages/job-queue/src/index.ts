export { parseQueueUrl } from './queue-url';
export { checkDeviceLabel } from './queue-names';
export type { BenchCommand, BenchJobData, BenchJobResult } from './job-types';
export { runBenchOnQueue, forwardableArgs } from './run-bench';
export { startQueueWorker, DEFAULT_STALL_MS } from './queue-worker';
export type { WorkerEvent } from './queue-worker';
export { createPairThreads } from './pair-threads';
export { runDatasetOnQueue } from './dataset-jobs';
