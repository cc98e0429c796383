// A worker in its own process, for the test that kills one with SIGKILL mid-job: it takes pairs
// and never finishes them, and prints "started ID" for each so the test knows when to kill.
import { parseQueueUrl, startQueueWorker } from '../../src';

const [url, concurrency, stallMs] = process.argv.slice(2);
void startQueueWorker({
  queue: parseQueueUrl(url),
  concurrency: Number(concurrency),
  stallMs: Number(stallMs),
  name: 'doomed',
  evaluatePair: (pair) => {
    process.stdout.write(`started ${pair.id}\n`);
    return new Promise(() => undefined);
  },
}).then(() => process.stdout.write('ready\n'));
