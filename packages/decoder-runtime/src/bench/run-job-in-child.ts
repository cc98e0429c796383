import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import type { ZooDecodeJob, ZooDecodeJobResult } from './zoo-decode-job';

/**
 * Runs a ZooDecodeJob in a fresh Node process (TypeScript through tsx), so its peak RSS
 * (process.resourceUsage().maxRSS) measures that one model alone. Rejects with the child's error.
 */
export function runZooDecodeJobInChild(job: ZooDecodeJob, options: { timeoutMs?: number } = {}): Promise<ZooDecodeJobResult> {
  const entry = resolve(__dirname, 'zoo-decode-child.ts');
  const args = ['--require', require.resolve('tsx/cjs'), entry, JSON.stringify(job)];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : null;
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const result = /^@@result (.*)$/m.exec(stdout);
      if (result) return resolvePromise(JSON.parse(result[1]) as ZooDecodeJobResult);
      const failure = /^@@error (.*)$/m.exec(stdout);
      const reason = failure ? (JSON.parse(failure[1]) as { message: string }).message : `child exited with ${signal ?? code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`;
      reject(new EvalkitError(ERROR_CODES.RUNTIME, `decoding ${job.model} failed: ${reason}`, { field: 'model', value: job.model }));
    });
  });
}
