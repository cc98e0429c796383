import { requireSystemTool, startRedisServer, type PrivateRedis } from '@evalkit/test-harness';
import { parseQueueUrl, runBenchOnQueue, startQueueWorker, type BenchJobData } from '../src';
import { type QueueWorker } from '../src/queue-worker';

const redis = requireSystemTool('redis-server');

redis.describe('benchmark jobs labelled for a device', () => {
  let server: PrivateRedis;
  const workers: QueueWorker[] = [];
  beforeAll(async () => {
    server = await startRedisServer(redis.paths['redis-server']);
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close(true)));
    await server?.stop();
  });

  /** A worker for one device whose "benchmark" records what it was asked and returns a document naming its device. */
  const deviceWorker = async (device: string, ran: BenchJobData[]) => {
    const worker = await startQueueWorker({
      queue: parseQueueUrl(server.url),
      device,
      name: `bench-${device}`,
      evaluatePair: async () => {
        throw new Error('no pairs in this test');
      },
      runBench: async (job) => {
        ran.push(job);
        return { document: { schema: 'evalkit/kernel-bench@1', ranOn: device }, exitCode: 0, stderrTail: '' };
      },
    });
    workers.push(worker);
    return worker;
  };

  it('waits while only another device listens, and runs on the first worker started with its label, with the flags it was given', async () => {
    const onCpu: BenchJobData[] = [];
    const onGpu: BenchJobData[] = [];
    await deviceWorker('cpu-b', onCpu);
    const states: string[] = [];
    let gpuStarted = false;
    const result = runBenchOnQueue({
      queue: parseQueueUrl(server.url),
      device: 'gpu-a',
      command: 'kernels',
      args: ['--variants', '1,6', '--out', 'ignored.json', '--shape', '4,2,4,6'],
      pollMs: 50,
      onProgress: (p) => {
        states.push(p.state);
        // After a few looks at a job nobody may take, the gpu worker comes up.
        if (states.length === 6 && !gpuStarted) {
          gpuStarted = true;
          void deviceWorker('gpu-a', onGpu);
        }
      },
    });
    const done = await result;
    expect(states.slice(0, 6)).toEqual(Array(6).fill('waiting'));
    expect(onCpu).toEqual([]);
    expect(onGpu).toEqual([{ command: 'kernels', args: ['--variants', '1,6', '--shape', '4,2,4,6'], device: 'gpu-a' }]);
    expect(done).toEqual({ document: { schema: 'evalkit/kernel-bench@1', ranOn: 'gpu-a' }, exitCode: 0, stderrTail: '', worker: 'bench-gpu-a' });
  });

  it('refuses a device label that cannot be part of a queue name', async () => {
    await expect(runBenchOnQueue({ queue: parseQueueUrl(server.url), device: 'gpu a:0', command: 'kernels', args: [] })).rejects.toThrow(/field "--device", value "gpu a:0": a device label is/);
  });
});
