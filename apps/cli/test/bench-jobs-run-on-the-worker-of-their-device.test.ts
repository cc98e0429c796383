import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freeLoopbackPort, requireSystemTool } from '@evalkit/test-harness';
import { evalkitInBackground as evalkit, useQueueFixture } from './support/queue-workers';
import { runEvalkit } from './support/evalkit-command';

const redis = requireSystemTool('redis-server');

redis.describe('bench kernels/decoders --queue --device', () => {
  const queue = useQueueFixture(redis.paths['redis-server'], 'evalkit-queued-bench-');
  const { dir } = queue;

  it('runs each queued benchmark on the worker started with its device label and writes its document here', async () => {
    const workers = [await queue.startWorker(['--device', 'cpu-a', '--name', 'worker-a']), await queue.startWorker(['--device', 'cpu-b', '--name', 'worker-b'])];
    const kernelsOut = join(dir, 'kernels-b.json');
    const decodersOut = join(dir, 'decoders-a.json');
    const [kernels, decoders] = await Promise.all([
      evalkit(['bench', 'kernels', '--variants', '1', '--shape', '4,2,4,6', '--time-budget', '5', '--min-samples', '3', '--threads', '1', '--queue', queue.url, '--device', 'cpu-b', '--out', kernelsOut]),
      evalkit(['bench', 'decoders', '--models', 'turbo-vaed-hunyuan', '--height', '16', '--width', '16', '--latent-frames', '2', '--width-mult', '0.125', '--no-ceiling', '--min-runs', '1', '--max-runs', '2', '--threads', '1', '--queue', queue.url, '--device', 'cpu-a', '--out', decodersOut]),
    ]);
    expect(kernels.stderr).not.toMatch(/error/i);
    expect(kernels.status).toBe(0);
    expect(kernels.stdout).toMatch(/ran on worker worker-b \(device cpu-b\)/);
    expect(kernels.stdout).toMatch(/compute ceiling: best measured GEMM [\d.]+ GFLOP\/s/);
    expect(decoders.status).toBe(0);
    expect(decoders.stdout).toMatch(/ran on worker worker-a \(device cpu-a\)/);

    const k = JSON.parse(readFileSync(kernelsOut, 'utf8'));
    expect(k.schema).toBe('evalkit/kernel-bench@1');
    // The flags reached the worker's run as given.
    expect(k.config).toMatchObject({ preset: 'custom', variants: ['1'], threads: 1, timeBudgetMs: 5, minSamples: 3 });
    expect(k.manifest.command.slice(0, 3)).toEqual(['evalkit', 'bench', 'kernels']);
    expect(k.manifest.command).not.toContain('--queue');
    const d = JSON.parse(readFileSync(decodersOut, 'utf8'));
    expect(d.schema).toBe('evalkit/decoder-bench@1');
    expect(d.results.map((r: { model: string }) => r.model)).toEqual(['turbo-vaed-hunyuan']);

    // Each worker ran only the job for its own label.
    expect(workers[1].log()).toMatch(/bench kernels \S+ done/);
    expect(workers[1].log()).not.toMatch(/bench decoders/);
    expect(workers[0].log()).toMatch(/bench decoders \S+ done/);
    expect(workers[0].log()).not.toMatch(/bench kernels/);
  });
});

describe('queue flags that cannot work', () => {
  const run = (args: string[]) => runEvalkit(args, { timeout: 60_000 });

  it('refuses --device without --queue, and --queue without --device, as usage errors (exit 2)', () => {
    const alone = run(['bench', 'kernels', '--device', 'gpu-a']);
    expect(alone.status).toBe(2);
    expect(alone.stderr).toMatch(/field "--device", value "gpu-a": --device picks a queue worker: give --queue too/);
    const noDevice = run(['bench', 'decoders', '--queue', 'redis://127.0.0.1:1/0']);
    expect(noDevice.status).toBe(2);
    expect(noDevice.stderr).toMatch(/needs the --device label/);
  });

  it('refuses a queue URL that is not redis:// as a usage error (exit 2)', () => {
    const r = run(['worker', '--queue', 'http://127.0.0.1:6379/0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/field "--queue", value "http:\/\/127.0.0.1:6379\/0": unknown scheme/);
  });

  it('ends a worker whose Redis is not there with an error naming the URL (exit 1)', async () => {
    const port = await freeLoopbackPort();
    const r = run(['worker', '--queue', `redis://127.0.0.1:${port}/0`]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`redis://127.0.0.1:${port}/0.*cannot reach Redis: connect ECONNREFUSED`));
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
