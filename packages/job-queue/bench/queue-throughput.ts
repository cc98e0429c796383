// Pairs per second of a dataset evaluated through a BullMQ queue in a private redis-server (1 and
// 2 worker processes, one pair thread each), beside the same pair threads with no queue (1 and 2
// threads in this process), and the queue's own cost per job (no-op jobs). Not a test: run it on an idle machine for figures:
//   npx tsx packages/job-queue/bench/queue-throughput.ts [--pairs N] [--noop-jobs N]
// The dataset is the fixture clip (17 frames of 128x128, fixtures/clip) against the same frames in
// reverse order, PSNR and SSIM, N times over. Threads and worker processes are started and warmed
// up (one pair each) before the timing starts.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createDatasetConfig, readManifest, type DatasetConfig, type DatasetPair } from '@evalkit/dataset';
import { requireRedisForBench } from './redis-for-bench';
import { createPairThreads, parseQueueUrl, runDatasetOnQueue, startQueueWorker } from '../src';
import { runPairsOnQueue } from '../src/run-pairs';
import { type QueueLocation } from '../src/queue-url';

const CLIP = resolve(__dirname, '../../../fixtures/clip');

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

/** A manifest of `count` pairs: the fixture clip against its frames reversed. */
function makeDataset(dir: string, count: number): DatasetPair[] {
  const frames = readdirSync(CLIP).filter((f) => f.endsWith('.png')).sort();
  mkdirSync(join(dir, 'reversed'));
  frames.forEach((f, i) => copyFileSync(join(CLIP, frames[frames.length - 1 - i]), join(dir, 'reversed', f)));
  const rows = Array.from({ length: count }, (_, i) => `clip-${String(i).padStart(3, '0')},${CLIP},reversed`);
  writeFileSync(join(dir, 'pairs.csv'), `id,ref,test\n${rows.join('\n')}\n`);
  return readManifest(join(dir, 'pairs.csv'));
}

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

/** Starts `count` worker processes (one thread each) and resolves when all listen. */
async function startWorkers(url: string, count: number): Promise<ChildProcess[]> {
  const children = Array.from({ length: count }, () => spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), join(__dirname, 'worker-process.ts'), url, '1'], { stdio: ['ignore', 'pipe', 'inherit'] }));
  await Promise.all(children.map((c) => new Promise<void>((r) => c.stdout!.on('data', (d) => String(d).includes('ready') && r()))));
  return children;
}

async function stopWorkers(children: ChildProcess[]): Promise<void> {
  await Promise.all(children.map((c) => new Promise<void>((r) => (c.once('exit', () => r()), c.kill('SIGKILL')))));
}

/** Seconds per no-op job through the queue: one in-process worker, `jobs` jobs. */
async function noopOverhead(queue: QueueLocation, jobs: number): Promise<number> {
  const worker = await startQueueWorker<{ id: string }, null, null>({ queue, evaluatePair: async () => null });
  try {
    const pairs = Array.from({ length: jobs }, (_, i) => ({ id: `noop-${i}` }));
    const t0 = process.hrtime.bigint();
    await runPairsOnQueue({ queue, pairs, config: null, failedRow: () => null, pollMs: 20 });
    return seconds(t0) / jobs;
  } finally {
    await worker.close();
  }
}

/** Seconds to evaluate every pair on `threads` pair threads in this process: the work without the queue. */
async function withoutQueue(pairs: readonly DatasetPair[], config: DatasetConfig, threads: number): Promise<number> {
  const pool = createPairThreads(threads);
  try {
    // Warm-up: each thread loads its modules on its first pair; timing starts after that.
    await Promise.all(pairs.slice(0, threads).map((p) => pool.evaluate(p, config)));
    const t0 = process.hrtime.bigint();
    await Promise.all(pairs.map((p) => pool.evaluate(p, config)));
    return seconds(t0);
  } finally {
    await pool.close();
  }
}

async function main(): Promise<void> {
  const count = flag('--pairs', 24);
  const noopJobs = flag('--noop-jobs', 300);
  const dir = mkdtempSync(join(tmpdir(), 'evalkit-queue-bench-'));
  const redis = await requireRedisForBench();
  try {
    const pairs = makeDataset(dir, count);
    const config = createDatasetConfig({ metrics: ['psnr', 'ssim'] }, pairs);
    const line = (label: string, s: number) => process.stdout.write(`  ${label.padEnd(34)} ${(count / s).toFixed(2).padStart(7)} pairs/s  (${count} pairs in ${s.toFixed(2)} s)\n`);
    process.stdout.write(`${count} pairs of 17 frames, 128x128, PSNR + SSIM\n`);
    const local: Record<number, number> = {};
    for (const workers of [1, 2]) {
      local[workers] = await withoutQueue(pairs, config, workers);
      line(`no queue, ${workers} pair thread${workers > 1 ? 's' : ''}`, local[workers]);
    }
    const queued: Record<number, number> = {};
    for (const workers of [1, 2]) {
      const queue = parseQueueUrl(redis.url.replace(/\/0$/, `/${workers}`));
      const children = await startWorkers(queue.display, workers);
      try {
        // Warm-up, as above: every worker's thread has loaded its modules before the timed run.
        await runDatasetOnQueue({ queue, pairs: pairs.slice(0, 2 * workers), config: createDatasetConfig({ metrics: ['psnr', 'ssim'] }, pairs.slice(0, 2 * workers)), pollMs: 50 });
        const t0 = process.hrtime.bigint();
        const rows = await runDatasetOnQueue({ queue, pairs, config, pollMs: 50 });
        queued[workers] = seconds(t0);
        if (rows.length !== count) throw new Error(`expected ${count} rows, got ${rows.length}`);
      } finally {
        await stopWorkers(children);
      }
      line(`queue, ${workers} worker process${workers > 1 ? 'es' : ''}`, queued[workers]);
    }
    const perJob = await noopOverhead(parseQueueUrl(redis.url.replace(/\/0$/, '/9')), noopJobs);
    process.stdout.write(`queue overhead: ${(1000 * perJob).toFixed(2)} ms per no-op job (${noopJobs} jobs, one worker); `);
    process.stdout.write(`per pair, queue (1 worker) - no queue (1 thread): ${((1000 * (queued[1] - local[1])) / count).toFixed(1)} ms\n`);
    process.stdout.write('figures from a loaded machine mean little: measure on an idle one\n');
  } finally {
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
