import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { isEvalkitError } from '@evalkit/core';
import { freeLoopbackPort, requireSystemTool, startRedisServer, type PrivateRedis } from '@evalkit/test-harness';
import { Queue } from 'bullmq';
import { parseQueueUrl, startQueueWorker } from '../src';
import { KEY_PREFIX, PAIRS_QUEUE, RUNS_QUEUE } from '../src/queue-names';
import { runPairsOnQueue } from '../src/run-pairs';
import { type QueueLocation } from '../src/queue-url';
import { type QueueWorker } from '../src/queue-worker';

const redis = requireSystemTool('redis-server');

interface Pair {
  id: string;
  ref: string;
  test: string;
}
interface Row {
  id: string;
  status: 'ok' | 'failed';
  value?: number;
  error?: string;
  by?: string;
}

const pairsOf = (n: number): Pair[] => Array.from({ length: n }, (_, i) => ({ id: `clip-${String(i).padStart(2, '0')}`, ref: `ref/${i}.y4m`, test: `test/${i}.y4m` }));
/** What the workers compute for a pair in these tests: the config's factor times the pair's number. */
const expected = (pair: Pair, factor: number) => factor * Number(pair.id.slice(5));
const failedRow = (pair: Pair, error: string): Row => ({ id: pair.id, status: 'failed', error });

/** Jobs in any state on the pairs and runs queues. */
async function jobsLeft(queue: QueueLocation): Promise<number> {
  const queues = [PAIRS_QUEUE, RUNS_QUEUE].map((name) => new Queue(name, { connection: queue.connection, prefix: KEY_PREFIX }));
  try {
    const counts = await Promise.all(queues.map((q) => q.getJobCounts()));
    return counts.flatMap((c) => Object.values(c)).reduce((a, b) => a + b, 0);
  } finally {
    await Promise.all(queues.map((q) => q.close()));
  }
}

redis.describe('pairs on a BullMQ queue in a private redis-server', () => {
  let server: PrivateRedis;
  let db = 0;
  const workers: QueueWorker[] = [];
  const children: ChildProcess[] = [];
  /** A fresh Redis database per test, so no test sees another's jobs. */
  const nextQueue = () => parseQueueUrl(server.url.replace(/\/0$/, `/${++db}`));

  beforeAll(async () => {
    server = await startRedisServer(redis.paths['redis-server']);
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.close(true)));
    for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('gives one row per pair in the pairs\' order, each from the config the producer sent, with two workers sharing the jobs', async () => {
    const queue = nextQueue();
    const seen: string[] = [];
    for (const name of ['w1', 'w2']) {
      workers.push(
        await startQueueWorker<Pair, { factor: number }, Row>({
          queue,
          name,
          concurrency: 2,
          evaluatePair: async (pair, config) => {
            seen.push(pair.id);
            await new Promise((r) => setTimeout(r, 5));
            return { id: pair.id, status: 'ok', value: expected(pair, config.factor), by: name };
          },
        }),
      );
    }
    const pairs = pairsOf(24);
    const progress: number[] = [];
    const rows = await runPairsOnQueue({ queue, pairs, config: { factor: 7 }, failedRow, pollMs: 50, onProgress: (p) => progress.push(p.done) });
    expect(rows.map((r) => r.id)).toEqual(pairs.map((p) => p.id));
    expect(rows.map((r) => r.value)).toEqual(pairs.map((p) => expected(p, 7)));
    expect(new Set(seen).size).toBe(24);
    expect(seen).toHaveLength(24);
    expect(progress.at(-1)).toBe(24);
    // Progress never goes backwards.
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    // The run leaves no jobs behind.
    expect(await jobsLeft(queue)).toBe(0);
  });

  it('retries a job whose worker was killed with SIGKILL on another worker, and still counts its pair once', async () => {
    const queue = nextQueue();
    const stallMs = 500;
    const doomed = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), join(__dirname, 'support/killable-worker.ts'), queue.display, '2', String(stallMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(doomed);
    let out = '';
    const started = new Promise<string[]>((resolve) => {
      doomed.stdout!.on('data', (chunk) => {
        out += chunk;
        const ids = [...out.matchAll(/^started (\S+)$/gm)].map((m) => m[1]);
        if (ids.length === 2) resolve(ids);
      });
    });
    const pairs = pairsOf(6);
    const running = runPairsOnQueue<Pair, { factor: number }, Row>({ queue, pairs, config: { factor: 3 }, failedRow, pollMs: 50 });
    const inHand = await started;
    doomed.kill('SIGKILL');
    await new Promise((r) => doomed.once('exit', r));
    const calls: string[] = [];
    const attempts = new Map<string, number>();
    workers.push(
      await startQueueWorker<Pair, { factor: number }, Row>({
        queue,
        name: 'survivor',
        stallMs,
        onEvent: (e) => {
          if (e.type === 'started') attempts.set(e.id, e.attempt);
        },
        evaluatePair: async (pair, config) => {
          calls.push(pair.id);
          return { id: pair.id, status: 'ok', value: expected(pair, config.factor) };
        },
      }),
    );
    const rows = await running;
    expect(rows.map((r) => [r.id, r.value])).toEqual(pairs.map((p) => [p.id, expected(p, 3)]));
    // The two pairs the killed worker held were evaluated again by the survivor, each once.
    for (const id of inHand) expect(calls.filter((c) => c === id)).toHaveLength(1);
    // ...as their second start; the pairs nobody had touched start for the first time.
    for (const pair of pairs) expect([pair.id, attempts.get(pair.id)]).toEqual([pair.id, inHand.includes(pair.id) ? 2 : 1]);
    expect([...calls].sort()).toEqual(pairs.map((p) => p.id));
  });

  it('records a pair whose evaluation throws on every attempt as failed with the error, after the set number of tries', async () => {
    const queue = nextQueue();
    const tries = new Map<string, number>();
    workers.push(
      await startQueueWorker<Pair, null, Row>({
        queue,
        evaluatePair: async (pair) => {
          tries.set(pair.id, (tries.get(pair.id) ?? 0) + 1);
          if (pair.id === 'clip-01') throw new Error('decoder crashed on frame 3');
          return { id: pair.id, status: 'ok', value: 1 };
        },
      }),
    );
    const rows = await runPairsOnQueue<Pair, null, Row>({ queue, pairs: pairsOf(3), config: null, failedRow, attempts: 2, pollMs: 50 });
    expect(rows).toEqual([
      { id: 'clip-00', status: 'ok', value: 1 },
      { id: 'clip-01', status: 'failed', error: 'decoder crashed on frame 3' },
      { id: 'clip-02', status: 'ok', value: 1 },
    ]);
    expect(tries.get('clip-01')).toBe(2);
  });

  it('removes the run\'s unstarted jobs when the producer is interrupted', async () => {
    const queue = nextQueue();
    const controller = new AbortController();
    const run = runPairsOnQueue<Pair, null, Row>({ queue, pairs: pairsOf(5), config: null, failedRow, pollMs: 20, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toMatchObject({ code: 'EVK_INTERRUPTED' });
    expect(await jobsLeft(queue)).toBe(0);
  });

  it('refuses two pairs with one id before queueing anything', async () => {
    const pairs = [...pairsOf(2), pairsOf(1)[0]];
    await expect(runPairsOnQueue({ queue: nextQueue(), pairs, config: null, failedRow })).rejects.toThrow(/"clip-00": two pairs share one id/);
  });

  it('ends with an error naming the URL when nothing listens there', async () => {
    const port = await freeLoopbackPort();
    const error = await runPairsOnQueue({ queue: parseQueueUrl(`redis://127.0.0.1:${port}/0`), pairs: pairsOf(1), config: null, failedRow }).catch((e) => e);
    expect(isEvalkitError(error, 'EVK_RUNTIME')).toBe(true);
    expect(error.message).toMatch(new RegExp(`redis://127.0.0.1:${port}/0.*cannot reach Redis.*ECONNREFUSED.*redis-server`));
  });

  it('ends with an error naming the queue within seconds when Redis goes away during the run, instead of waiting for ever', async () => {
    // A server of its own: this test kills it.
    const doomed = await startRedisServer(redis.paths['redis-server']);
    const queue = parseQueueUrl(doomed.url);
    let polled!: () => void;
    const firstPoll = new Promise<void>((r) => (polled = r));
    const began = { at: 0 };
    const running = runPairsOnQueue({ queue, pairs: pairsOf(3), config: null, failedRow, pollMs: 50, redisTimeoutMs: 1500, onProgress: () => polled() }).catch((e) => e);
    await firstPoll;
    await doomed.stop();
    began.at = Date.now();
    const error = await running;
    expect(isEvalkitError(error, 'EVK_RUNTIME')).toBe(true);
    expect(error.message).toMatch(new RegExp(`${doomed.url.replace(/[/.]/g, '\\$&')}.*(Redis stopped answering for 1.5 s \\(connect ECONNREFUSED|lost Redis)`));
    // the deadline (1.5 s) plus closing the clients (at most 2 s), not BullMQ's endless reconnecting
    expect(Date.now() - began.at).toBeLessThan(8000);
  }, 30_000);
});
