import { spawn, type ChildProcess } from 'node:child_process';
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
