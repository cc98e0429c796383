// What the queue itself costs per job: N jobs that do no work, through a private redis-server on
// this machine, with 1 and 2 workers in this process. Not a test: run it on an idle machine for
// figures (npx tsx packages/job-queue/bench/queue-overhead.ts [--jobs N]).
import { requireRedisForBench } from './redis-for-bench';
import { parseQueueUrl, runPairsOnQueue, startQueueWorker } from '../src';

interface Pair {
  id: string;
}

/** Seconds one run of `jobs` no-op jobs takes with `workers` workers of concurrency `concurrency`. */
async function timeRun(url: string, jobs: number, workers: number, concurrency: number): Promise<number> {
  const queue = parseQueueUrl(url);
  const started = await Promise.all(
    Array.from({ length: workers }, (_, i) =>
      startQueueWorker<Pair, null, Pair>({ queue, concurrency, name: `overhead-${i}`, evaluatePair: async (pair) => pair }),
    ),
  );
  try {
    const pairs = Array.from({ length: jobs }, (_, i) => ({ id: `p${i}` }));
    const t0 = process.hrtime.bigint();
    const rows = await runPairsOnQueue<Pair, null, Pair>({ queue, pairs, config: null, failedRow: (p) => p, pollMs: 20 });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (rows.length !== jobs) throw new Error(`expected ${jobs} rows, got ${rows.length}`);
    return seconds;
  } finally {
    await Promise.all(started.map((w) => w.close()));
  }
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--jobs');
  const jobs = at > 0 ? Number(process.argv[at + 1]) : 500;
  const redis = await requireRedisForBench();
  try {
    process.stdout.write(`queue overhead: ${jobs} no-op jobs through a local redis-server (poll every 20 ms)\n`);
    for (const [workers, concurrency] of [
      [1, 1],
      [1, 8],
      [2, 1],
      [2, 8],
    ]) {
      const seconds = await timeRun(redis.url, jobs, workers, concurrency);
      process.stdout.write(`  ${workers} worker${workers > 1 ? 's' : ' '} x concurrency ${String(concurrency).padEnd(2)} ${(jobs / seconds).toFixed(0).padStart(6)} jobs/s  ${((1000 * seconds) / jobs).toFixed(2).padStart(6)} ms per job\n`);
    }
    process.stdout.write('figures from a loaded machine mean little: measure on an idle one\n');
  } finally {
    await redis.stop();
  }
}

void main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
