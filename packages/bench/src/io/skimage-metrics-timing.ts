import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's interpreter (python3-skimage, -scipy, -numpy); EVALKIT_PYTHON points elsewhere. */
export function referencePython(env: NodeJS.ProcessEnv = process.env): string {
  return env.EVALKIT_PYTHON ?? '/usr/bin/python3';
}

/** What the reference run measured: per task its value and timed samples (ms). */
export interface SkimageTimings {
  version: string;
  ssim: { value: number; samplesMs: number[] };
  psnr: { value: number; samplesMs: number[] };
}

// SSIM: one frame pair, Wang convention (Gaussian 11/σ1.5, population covariance), channel_axis.
// PSNR: every frame pair of the clip, one call each, as evalkit's clip task does.
const SCRIPT = `
import json, sys, time
import numpy as np
import skimage
from skimage.metrics import structural_similarity, peak_signal_noise_ratio
ref = np.load(sys.argv[1]); test = np.load(sys.argv[2]); runs = int(sys.argv[3])
def ssim():
    return structural_similarity(ref[0], test[0], gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=255, channel_axis=-1)
def psnr():
    return float(np.mean([peak_signal_noise_ratio(ref[t], test[t], data_range=255) for t in range(ref.shape[0])]))
out = {"version": skimage.__version__}
for name, f in (("ssim", ssim), ("psnr", psnr)):
    value = f()
    times = []
    for _ in range(runs):
        t = time.perf_counter(); f(); times.append((time.perf_counter() - t) * 1000)
    out[name] = {"value": float(value), "samplesMs": times}
print(json.dumps(out))
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
 * Times scikit-image on the same clip, one thread (OMP/BLAS pinned to 1; its filters are
 * single-threaded anyway), in a child Python process. Rejects with the interpreter's message when
 * Python or scikit-image is missing.
 */
export async function timeSkimage(ref: Uint8Array, test: Uint8Array, shape: [number, number, number, number], runs: number, python = referencePython()): Promise<SkimageTimings> {
  const dir = mkdtempSync(join(tmpdir(), 'evalkit-metrics-bench-'));
  try {
    writeFileSync(join(dir, 'ref.npy'), npyBytes(ref, shape));
    writeFileSync(join(dir, 'test.npy'), npyBytes(test, shape));
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        python,
        ['-c', SCRIPT, join(dir, 'ref.npy'), join(dir, 'test.npy'), String(runs)],
        { env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' }, maxBuffer: 1 << 20 },
        (error, out, err) => (error ? reject(new Error(`${python}: ${(err || error.message).trim().split('\n').pop()}`)) : resolve(out)),
      );
    });
    return JSON.parse(stdout) as SkimageTimings;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
