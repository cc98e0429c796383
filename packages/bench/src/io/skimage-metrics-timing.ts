import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** Debian's interpreter (python3-skimage, -scipy, -numpy); EVALKIT_PYTHON points elsewhere. */
export function referencePython(env: NodeJS.ProcessEnv = process.env): string {
  return env.EVALKIT_PYTHON ?? '/usr/bin/python3';
}

/** scikit-image running in a child process, timing one call per request. */
export interface SkimageSession {
  version: string;
  /** Values on the clip: SSIM of the first pair, mean PSNR over the pairs. */
  values: { ssim: number; psnr: number };
  /** Runs one call and returns the time Python measured around it, ms. */
  time(task: 'ssim' | 'psnr'): Promise<number>;
  close(): void;
}

// SSIM: one frame pair, Wang convention (Gaussian 11/σ1.5, population covariance), channel_axis.
// PSNR: every frame pair of the clip, one call each, as evalkit's clip task does. A request per
// line on stdin, one JSON answer per line, so the caller can interleave these runs with its own.
const SCRIPT = `
import json, sys, time
import numpy as np
import skimage
from skimage.metrics import structural_similarity, peak_signal_noise_ratio
ref = np.load(sys.argv[1]); test = np.load(sys.argv[2])
def ssim():
    return structural_similarity(ref[0], test[0], gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=255, channel_axis=-1)
def psnr():
    return float(np.mean([peak_signal_noise_ratio(ref[t], test[t], data_range=255) for t in range(ref.shape[0])]))
tasks = {"ssim": ssim, "psnr": psnr}
print(json.dumps({"version": skimage.__version__, "values": {"ssim": float(ssim()), "psnr": psnr()}}), flush=True)
for line in sys.stdin:
    f = tasks[line.strip()]
    t = time.perf_counter(); f(); ms = (time.perf_counter() - t) * 1000
    print(json.dumps({"ms": ms}), flush=True)
`;

/** A NumPy .npy (v1.0) header and body for a C-order uint8 array. */
function npyBytes(data: Uint8Array, shape: number[]): Buffer {
  let header = `{'descr': '|u1', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const head = Buffer.alloc(10);
  head.write('\x93NUMPY', 0, 'latin1');
  head[6] = 1;
  head[7] = 0;
  head.writeUInt16LE(header.length, 8);
  return Buffer.concat([head, Buffer.from(header, 'latin1'), Buffer.from(data.buffer, data.byteOffset, data.byteLength)]);
}

/**
 * Starts scikit-image on the same clip in a child Python process, one thread (OMP/BLAS pinned to
 * 1; its filters are single-threaded anyway). Rejects with the interpreter's last message when
 * Python or scikit-image is missing.
 */
export async function startSkimage(ref: Uint8Array, test: Uint8Array, shape: [number, number, number, number], python = referencePython()): Promise<SkimageSession> {
  const dir = mkdtempSync(join(tmpdir(), 'evalkit-metrics-bench-'));
  writeFileSync(join(dir, 'ref.npy'), npyBytes(ref, shape));
  writeFileSync(join(dir, 'test.npy'), npyBytes(test, shape));
  const child = spawn(python, ['-c', SCRIPT, join(dir, 'ref.npy'), join(dir, 'test.npy')], {
    env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const cleanup = () => {
    child.stdin.end();
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  const failure = (what: string) => new Error(`${python}: ${(stderr.trim().split('\n').pop() || what).trim()}`);
  const exited = new Promise<never>((_, reject) => {
    child.once('error', (e) => reject(failure(e.message)));
    child.once('exit', (code) => reject(failure(`exited with status ${code}`)));
  });
  exited.catch(() => {});
  const next = async (): Promise<Record<string, unknown>> => {
    const line = await Promise.race([lines.next(), exited]);
    if (line.done) throw failure('closed its output');
    return JSON.parse(line.value) as Record<string, unknown>;
  };
  try {
    const header = (await next()) as { version: string; values: { ssim: number; psnr: number } };
    return {
      version: header.version,
      values: header.values,
      async time(task) {
        child.stdin.write(`${task}\n`);
        return (await next()).ms as number;
      },
      close: cleanup,
    };
  } catch (error) {
    cleanup();
    throw error;
  }
}
