// PSNR's and flicker's reductions over 8-bit samples on the WebAssembly kernels: exact integer
// sums, one pass over the inputs. The inputs live in JavaScript memory, so they are streamed in
// through chunks small enough to stay in the core's L2 cache between the copy and the kernel's
// read: main memory is read once, which is what bounds a reduction this cheap.
import { ensureBytes, type MetricsKernels } from './wasm-kernels';

/** Bytes of each input per chunk (2 or 4 inputs: 256–512 KiB in flight). */
export const CHUNK_BYTES = 1 << 17;
// Past the SSIM control and parameter words; SSIM and these reductions never run at the same time on one thread.
const BASE = 4096;

/** Σ (a_i − b_i)² over two equally long uint8 arrays, exactly. */
export function sumSquaredErrorU8(kernels: MetricsKernels, a: Uint8Array, b: Uint8Array): number {
  ensureBytes(kernels.memory, BASE + 2 * CHUNK_BYTES + 64);
  const buffer = kernels.memory.buffer;
  const va = new Uint8Array(buffer, BASE, CHUNK_BYTES);
  const vb = new Uint8Array(buffer, BASE + CHUNK_BYTES, CHUNK_BYTES);
  let total = 0;
  for (let start = 0; start < a.length; start += CHUNK_BYTES) {
    const end = Math.min(a.length, start + CHUNK_BYTES);
    va.set(a.subarray(start, end));
    vb.set(b.subarray(start, end));
    total += kernels.sseU8(BASE, BASE + CHUNK_BYTES, end - start);
  }
  return total;
}

/** Σ |(b1 − b0) − (a1 − a0)| over four equally long uint8 arrays, exactly. */
export function flickerSumU8(kernels: MetricsKernels, a0: Uint8Array, a1: Uint8Array, b0: Uint8Array, b1: Uint8Array): number {
  ensureBytes(kernels.memory, BASE + 4 * CHUNK_BYTES + 64);
  const buffer = kernels.memory.buffer;
  const views = [0, 1, 2, 3].map((k) => new Uint8Array(buffer, BASE + k * CHUNK_BYTES, CHUNK_BYTES));
  let total = 0;
  for (let start = 0; start < a1.length; start += CHUNK_BYTES) {
    const end = Math.min(a1.length, start + CHUNK_BYTES);
    views[0].set(a0.subarray(start, end));
    views[1].set(a1.subarray(start, end));
    views[2].set(b0.subarray(start, end));
    views[3].set(b1.subarray(start, end));
    total += kernels.flickerU8(BASE, BASE + CHUNK_BYTES, BASE + 2 * CHUNK_BYTES, BASE + 3 * CHUNK_BYTES, end - start);
  }
  return total;
}
