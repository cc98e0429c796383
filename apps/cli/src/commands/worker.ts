import type { Command } from 'commander';
import type { DatasetConfig, DatasetPair } from '@evalkit/dataset';
import { checkDeviceLabel, createPairThreads, DEFAULT_STALL_MS, parseQueueUrl, startQueueWorker, type WorkerEvent } from '@evalkit/job-queue';
import { clampThreads, positiveInt } from '../shared/parse';
import { runBenchJob } from '../shared/queue-jobs';

/** Options of `evalkit worker` as commander parses them. */
interface WorkerCliOptions {
  queue: string;
  concurrency: number;
  device?: string;
  stallMs: number;
  name?: string;
  ffmpeg?: string;
}

/** One line per job event, as a log (a worker runs unattended). */
function describe(event: WorkerEvent): string {
  switch (event.type) {
    case 'started':
      return `${event.kind} ${event.id} started${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}`;
    case 'completed':
      return `${event.kind} ${event.id} done in ${(event.ms / 1000).toFixed(1)} s`;
    case 'failed':
      return `${event.kind} ${event.id} failed: ${event.error}`;
    case 'error':
      return `queue error: ${event.error}`;
  }
}

/** Registers `evalkit worker`. */
export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('take jobs from a Redis queue and run them on this machine: dataset pairs of `metrics --queue`, and benchmarks queued for this --device')
    .requiredOption('--queue <url>', 'the queue\'s Redis: redis://HOST:PORT/DB')
    .option('--concurrency <n>', 'pairs evaluated at once in this process', positiveInt, 1)
    .option('--device <label>', 'also run `bench kernels`/`bench decoders` jobs queued for this device label (one at a time, with no pairs alongside)')
    .option('--stall-ms <ms>', 'job lock period: a killed worker\'s jobs go to another worker within about twice this', positiveInt, DEFAULT_STALL_MS)
    .option('--name <name>', 'this worker\'s name in the queue (default HOST:PID[:DEVICE])')
    .option('--ffmpeg <path>', 'the ffmpeg for video files (default: EVALKIT_FFMPEG, then ffmpeg on PATH)')
    .addHelpText(
      'after',
      `
A worker runs until stopped (Ctrl-C or SIGTERM). Delivery is at least once: when a worker dies, its
jobs return to the queue after about two --stall-ms periods and another worker takes them; the
producer still counts each pair once. A pair whose input is bad (a corrupt file) comes back as a
failed row, not a retry. Paths in the manifest must name the same files on every worker (a shared
file system), and a benchmark's flags are read on the worker's machine.

Examples:
  evalkit worker --queue redis://10.0.0.5:6379/0 --concurrency 4
  evalkit worker --queue redis://10.0.0.5:6379/0 --device h200         pairs, and benchmarks queued for "h200"`,
    )
    .action(async (opts: WorkerCliOptions) => {
      const queue = parseQueueUrl(opts.queue);
      if (opts.device !== undefined) checkDeviceLabel(opts.device);
      opts.concurrency = clampThreads(opts.concurrency, '--concurrency');
      let name = opts.name ?? '';
      const log = (line: string) => process.stderr.write(`[worker ${name}] ${line}\n`);
      // One thread per pair in hand: the frame work stays off the thread that renews the job locks.
      const threads = createPairThreads(opts.concurrency, opts.ffmpeg);
      const worker = await startQueueWorker<DatasetPair, DatasetConfig, string>({
        queue,
        concurrency: opts.concurrency,
        device: opts.device,
        stallMs: opts.stallMs,
        name: opts.name,
        // Rows travel as encodePairRow's JSON, which keeps an identical pair's PSNR of Infinity.
        evaluatePair: (pair, config, signal) => threads.evaluate(pair, config, signal),
        runBench: runBenchJob,
        onEvent: (event) => log(describe(event)),
      }).catch(async (error: unknown) => {
        // No Redis there: the threads must not keep the process alive.
        await threads.close();
        throw error;
      });
      name = worker.name;
      log(`listening on ${queue.display}: dataset pairs (${opts.concurrency} at a time)${opts.device ? `, benchmarks for device ${opts.device}` : ''}; Ctrl-C stops`);
      await new Promise<void>((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          log(`${signal}: stopping; jobs in hand return to the queue for another worker`);
          // Not waiting for the jobs in hand: the supervisor gives a command well under a second.
          void Promise.allSettled([worker.close(true), threads.close()]).finally(() => {
            process.exitCode = signal === 'SIGINT' ? 130 : 143;
            resolve();
          });
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
