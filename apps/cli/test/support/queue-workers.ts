import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedisServer, type PrivateRedis } from '@evalkit/test-harness';
import { EVALKIT_BIN } from './evalkit-command';

const bin = EVALKIT_BIN;

/** An `evalkit worker` process of a test: its log so far, and the process itself (to kill). */
export interface WorkerProcess {
  child: ChildProcess;
  /** Everything the worker printed on stderr so far. */
  log(): string;
  /** Resolves once the log matches. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Sends a signal and resolves when the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `evalkit worker ...args` without the supervisor process, so the pid is the worker itself
 * (a SIGKILL then kills the worker, not a parent that would let it wind down), and resolves when
 * it is listening.
 */
export async function startWorkerProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [bin, 'worker', ...args], { env: { ...process.env, EVALKIT_NO_SUPERVISOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    log += chunk.toString();
    for (const l of listeners) l();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const worker: WorkerProcess = {
    child,
    log: () => log,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolvePromise, reject) => {
        const check = () => {
          if (pattern.test(log)) {
            listeners.delete(check);
            clearTimeout(timer);
            resolvePromise();
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`worker log never matched ${pattern}:\n${log}`));
        }, timeoutMs);
        listeners.add(check);
        void exited.then(() => {
          if (listeners.has(check)) {
            listeners.delete(check);
            clearTimeout(timer);
            reject(new Error(`worker exited (${child.exitCode ?? child.signalCode}) before its log matched ${pattern}:\n${log}`));
          }
        });
        check();
      });
    },
    async stop(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  await worker.waitFor(/listening on/);
  return worker;
}

/** A test file's queue: a private Redis, the evalkit workers its tests start on it, and a scratch folder. */
export interface QueueFixture {
  /** The Redis URL (redis://127.0.0.1:PORT/0), once the file's beforeAll has run. */
  readonly url: string;
  /** Scratch folder, removed after the file's tests. */
  readonly dir: string;
  /** Starts `evalkit worker --queue URL ...args`; it is stopped after the file's tests. */
  startWorker(args: string[]): Promise<WorkerProcess>;
}

/**
 * Registers the hooks of a file's queue (call inside the describe that needs redis-server, which
 * requireSystemTool found at `redisServer`): Redis starts before the tests; workers, Redis and the
 * scratch folder go after them.
 */
export function useQueueFixture(redisServer: string, prefix: string): QueueFixture {
  let server: PrivateRedis | undefined;
  const workers: WorkerProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), prefix));
  beforeAll(async () => {
    server = await startRedisServer(redisServer);
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const url = () => {
    if (server === undefined) throw new Error('the queue starts in beforeAll: use it inside a test');
    return server.url;
  };
  return {
    get url() {
      return url();
    },
    dir,
    async startWorker(args) {
      const worker = await startWorkerProcess(['--queue', url(), ...args]);
      workers.push(worker);
      return worker;
    },
  };
}

/** Runs `evalkit ...args` without waiting (workers keep running meanwhile); `started` collects the child so a test can kill it. */
export function evalkitInBackground(args: string[], started: ChildProcess[] = []): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.once('exit', (status) => done({ status, stdout, stderr }));
  });
}
