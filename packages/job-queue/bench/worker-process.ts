// One queue worker in its own process for the throughput benchmark: dataset pairs on `concurrency`
// threads, as `evalkit worker` runs them. Prints "ready" once it listens.
import type { DatasetConfig, DatasetPair } from '@evalkit/dataset';
import { createPairThreads, parseQueueUrl, startQueueWorker } from '../src';

const [url, concurrency] = process.argv.slice(2);
const threads = createPairThreads(Number(concurrency));
void startQueueWorker<DatasetPair, DatasetConfig, string>({
  queue: parseQueueUrl(url),
  concurrency: threads.size,
  evaluatePair: (pair, config, signal) => threads.evaluate(pair, config, signal),
}).then(() => process.stdout.write('ready\n'));
