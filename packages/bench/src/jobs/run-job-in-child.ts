import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';
import { ERROR_CODES, EvalkitError, type ErrorCode } from '@evalkit/core';
import type { ZooDecodeJob, ZooDecodeJobResult, ZooDecodeSetup } from './zoo-decode-job';

const ENTRY = resolve(__dirname, 'zoo-decode-child.ts');

function spawnJob(job: ZooDecodeJob, prefix: readonly string[]): ChildProcessWithoutNullStreams {
  const node = [process.execPath, '--require', require.resolve('tsx/cjs'), ENTRY, JSON.stringify(job)];
  const [cmd, ...args] = [...prefix, ...node];
  return spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
}

const KNOWN_CODES = new Set<string>(Object.values(ERROR_CODES));

/** A child's failure; an EvalkitError in the child keeps its code (a file that does not load stays an input error). */
function failure(job: { model: string }, reason: string, code?: string | null): EvalkitError {
  const kept = code && KNOWN_CODES.has(code) ? (code as ErrorCode) : ERROR_CODES.RUNTIME;
  return new EvalkitError(kept, `decoding ${job.model} failed: ${reason}`, { field: 'model', value: job.model });
}

/**
 * A long-lived child process holding one decoder session: set up once, then one timed decode per
 * run(), so two models can alternate (A B A B) while each keeps its own process, memory and peak RSS.
 */
export class DecoderChild {
  private buffer = '';
  private stderr = '';
  private waiting: { tag: string; resolve: (v: unknown) => void; reject: (e: Error) => void } | null = null;
  private exited: string | null = null;

  private constructor(
    private readonly job: { model: string },
    private readonly child: ChildProcessWithoutNullStreams,
    /** What the child reported once its session was open. */
    public setup: ZooDecodeSetup = { model: job.model, label: job.model, params: 0, macs: 0, setupSeconds: 0, tiles: 1, session: null },
  ) {
    child.stdout.on('data', (d: Buffer) => this.onData(d.toString()));
    child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    // A program that cannot start (ENOENT) reports here, then closes: the close handler rejects.
    child.on('error', (e) => (this.stderr += e.message));
    child.on('close', (code, signal) => {
      this.exited = `child exited with ${signal ?? code}: ${this.stderr.trim().split('\n').slice(-3).join(' | ')}`;
      this.waiting?.reject(failure(this.job, this.exited));
      this.waiting = null;
    });
  }

  /** Process id of the child (so load snapshots can leave it out). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Starts the child (behind `prefix`, e.g. taskset) and waits until its session is open. */
  static async start(job: ZooDecodeJob, prefix: readonly string[] = []): Promise<DecoderChild> {
    return DecoderChild.serve(job, spawnJob({ ...job, mode: 'serve' }, prefix));
  }

  /**
   * Starts another program that speaks the same protocol (zoo-decode-child.ts), e.g. the eager
   * PyTorch child, behind `prefix`, and waits until it reports ready.
   */
  static async startProgram(model: string, command: readonly string[], prefix: readonly string[] = [], env: NodeJS.ProcessEnv = process.env): Promise<DecoderChild> {
    const [cmd, ...args] = [...prefix, ...command];
    return DecoderChild.serve({ model }, spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], env }));
  }

  private static async serve(job: { model: string }, child: ChildProcessWithoutNullStreams): Promise<DecoderChild> {
    const c = new DecoderChild(job, child);
    c.setup = (await c.expect('ready')) as ZooDecodeSetup;
    return c;
  }

  /** One decode; resolves with its wall time in ms as the child measured it. */
  async run(): Promise<number> {
    const reply = this.expect('sample');
    this.child.stdin.write('run\n');
    return ((await reply) as { ms: number }).ms;
  }

  /** Ends the session; resolves with the child's peak RSS and last output. */
  async finish(): Promise<ZooDecodeJobResult> {
    const reply = this.expect('result');
    this.child.stdin.end('end\n');
    return (await reply) as ZooDecodeJobResult;
  }

  /** Stops the child at once (after a failure elsewhere). */
  kill(): void {
    if (this.exited === null) this.child.kill('SIGKILL');
  }

  private expect(tag: string): Promise<unknown> {
    if (this.exited !== null) return Promise.reject(failure(this.job, this.exited));
    return new Promise((resolvePromise, reject) => (this.waiting = { tag, resolve: resolvePromise, reject }));
  }

  private onData(text: string): void {
    this.buffer += text;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + 1);
      const m = /^@@(\w+) (.*)$/.exec(line);
      if (!m || !this.waiting) continue;
      const w = this.waiting;
      this.waiting = null;
      const value = JSON.parse(m[2]) as { message?: string; code?: string | null };
      if (m[1] === 'error') w.reject(failure(this.job, value.message ?? 'unknown error', value.code));
      else if (m[1] === w.tag) w.resolve(value);
      else w.reject(failure(this.job, `expected @@${w.tag}, received @@${m[1]}`));
    }
  }
}

/**
 * Runs a "once" ZooDecodeJob in a fresh Node process, so its peak RSS (process.resourceUsage().maxRSS)
 * measures that one model alone. Rejects with the child's error.
 */
export function runZooDecodeJobInChild(job: ZooDecodeJob, options: { timeoutMs?: number } = {}): Promise<ZooDecodeJobResult> {
  const child = spawnJob({ ...job, mode: 'once' }, []);
  child.stdin.end();
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : null;
  return new Promise((resolvePromise, reject) => {
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const result = /^@@result (.*)$/m.exec(stdout);
      if (result) return resolvePromise(JSON.parse(result[1]) as ZooDecodeJobResult);
      const err = /^@@error (.*)$/m.exec(stdout);
      const reported = err ? (JSON.parse(err[1]) as { message: string; code?: string | null }) : null;
      reject(failure(job, reported ? reported.message : `child exited with ${signal ?? code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`, reported?.code));
    });
  });
}
