import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { ERROR_CODES, EvalkitError, readResultDocument, validateResultDocument, type ResultDocument } from '@evalkit/core';
import { checkDeviceLabel, forwardableArgs, parseQueueUrl, runBenchOnQueue, type BenchCommand, type BenchJobData, type BenchJobResult } from '@evalkit/job-queue';

/** This command's own entry point: a worker runs a benchmark job as `evalkit bench ...` in a child process. */
const BIN = resolve(__dirname, '../../bin/evalkit.js');

/** How much of a failed benchmark's stderr travels back to the producer. */
const STDERR_TAIL = 4000;

/**
 * The words after the command's own name on the command line, e.g. the flags of
 * `evalkit bench kernels --variants 1,6 --queue ...`: what a queued benchmark forwards.
 */
export function commandArgs(command: Command): string[] {
  const path: string[] = [];
  let root: Command = command;
  for (let c: Command | null = command; c && c.parent; c = c.parent) path.unshift(c.name());
  while (root.parent) root = root.parent;
  // commander keeps the argv it parsed on the root command (untyped in its declarations).
  const raw = (root as unknown as { rawArgs: string[] }).rawArgs;
  // rawArgs starts with node and the script; the command path follows, then the flags.
  for (let i = 0; i + path.length <= raw.length; i++) {
    if (path.every((name, k) => raw[i + k] === name)) return raw.slice(i + path.length);
  }
  return [];
}

/**
 * Runs one queued benchmark on this machine: `evalkit bench <command> ...args --out TMP` in a child
 * process (the same command a user would type here), and returns the document it wrote, its exit
 * status and the end of its stderr. Aborting stops the child (SIGTERM; the command removes what it
 * had half-written).
 */
export async function runBenchJob(job: BenchJobData, signal: AbortSignal): Promise<Omit<BenchJobResult, 'worker'>> {
  if (job.command !== 'kernels' && job.command !== 'decoders') throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'unknown benchmark command in a queued job', { field: 'command', value: job.command });
  const dir = mkdtempSync(join(tmpdir(), 'evalkit-bench-job-'));
  const out = join(dir, 'result.json');
  try {
    const child = spawn(process.execPath, [BIN, 'bench', job.command, ...forwardableArgs(job.args), '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL);
    });
    const stop = () => child.kill('SIGTERM');
    signal.addEventListener('abort', stop, { once: true });
    const exitCode = await new Promise<number>((done, fail) => {
      child.once('error', fail);
      child.once('exit', (code, sig) => done(code ?? (sig ? 128 : 1)));
    });
    signal.removeEventListener('abort', stop);
    const document = existsSync(out) ? readResultDocument(out) : null;
    return { document, exitCode, stderrTail: stderr.trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A benchmark that ran on a queue's worker: its document (written by the worker), who ran it, how it ended. */
export interface QueuedBenchmark {
  document: ResultDocument;
  worker: string;
  exitCode: number;
  stderrTail: string;
}

/**
 * `bench <command> --queue URL --device LABEL`: queues the command with the flags it was given and
 * waits for a worker of that device to run it; progress goes to stderr.
 */
export async function runQueuedBenchmark(command: BenchCommand, cmd: Command, opts: { queue: string; device?: string }): Promise<QueuedBenchmark> {
  if (opts.device === undefined) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'a queued benchmark needs the --device label of the worker that should run it', { field: '--device', value: undefined });
  const queue = parseQueueUrl(opts.queue);
  checkDeviceLabel(opts.device);
  let said = '';
  const say = (line: string) => {
    if (line === said) return;
    said = line;
    process.stderr.write(`[bench ${command} on ${opts.device}] ${line}\n`);
  };
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const result = await runBenchOnQueue({
      queue,
      device: opts.device,
      command,
      args: commandArgs(cmd),
      signal: controller.signal,
      onProgress: ({ state, workers }) => say(state === 'waiting' ? (workers === 0 ? `queued on ${queue.display}; no worker with --device ${opts.device} is listening yet` : `queued; ${workers} worker${workers > 1 ? 's' : ''} for this device busy`) : state),
    });
    if (result.document === null) {
      throw new EvalkitError(ERROR_CODES.RUNTIME, `bench ${command} wrote no result on worker ${result.worker} (exit ${result.exitCode}): ${result.stderrTail.split('\n').at(-1) ?? ''}`, { field: '--device', value: opts.device });
    }
    return { document: validateResultDocument(result.document, `the result of worker ${result.worker}`), worker: result.worker, exitCode: result.exitCode, stderrTail: result.stderrTail };
  } finally {
    process.removeListener('SIGINT', interrupt);
    process.removeListener('SIGTERM', interrupt);
  }
}

/** The error of a queued benchmark that wrote its document but ended with an error (errored rows), as the local run would. */
export function queuedBenchmarkError(queued: QueuedBenchmark): EvalkitError | null {
  if (queued.exitCode === 0) return null;
  const last = queued.stderrTail.split('\n').filter((l) => l.trim() !== '').at(-1) ?? '';
  return new EvalkitError(ERROR_CODES.RUNTIME, `the benchmark ended with exit status ${queued.exitCode} on worker ${queued.worker}: ${last.replace(/^evalkit: (error )?/, '')}`);
}

/** --device names a queue worker: without --queue it would silently measure this machine instead. */
export function deviceWithoutQueue(device: string): EvalkitError {
  return new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, '--device picks a queue worker: give --queue too (or drop --device to run here)', { field: '--device', value: device });
}
