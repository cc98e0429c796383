import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { resolve } from 'node:path';

/** The evalkit command the tests run: the package's bin, through this node. */
export const EVALKIT_BIN = resolve(__dirname, '../../bin/evalkit.js');

/** How a test runs the command: its time limit, folder and environment. */
export interface RunOptions {
  timeout?: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** Runs `evalkit ...args` to its end and returns its status and output as text. */
export function runEvalkit(args: readonly string[], options: RunOptions = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [EVALKIT_BIN, ...args], { encoding: 'utf8', timeout: options.timeout ?? 120_000, cwd: options.cwd, env: options.env });
}

/** The median by its definition, written here independently of @evalkit/bench. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
