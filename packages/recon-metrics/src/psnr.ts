import type { Frame, FrameData } from './frame';
import { sumSquaredErrorU8 } from './kernels/streaming-reductions';
import { metricsKernels } from './kernels/wasm-kernels';

/** Options of PSNR: the data range (255 for 8-bit data, 1 for data on [0,1]). */
export interface PsnrOptions {
  dataRange: number;
}

/** PSNR is better when higher. */
export const PSNR_HIGHER_IS_BETTER = true;

/**
 * Sum of squared differences in one pass; integer arithmetic for 8-bit data (exact, and faster):
 * 16 samples per instruction in WebAssembly, or a 32-bit integer loop where that is missing.
 */
export function sumSquaredError(a: FrameData, b: FrameData): number {
  if (a.length !== b.length) throw new RangeError(`sample counts differ: ${a.length} vs ${b.length}`);
  const n = a.length;
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    const kernels = metricsKernels();
    if (kernels) return sumSquaredErrorU8(kernels, a, b);
    let total = 0;
    // chunks keep the int accumulator below 2^31 (65025 * 32768 < 2^31)
    for (let start = 0; start < n; start += 32768) {
      const end = Math.min(n, start + 32768);
      let acc = 0;
      for (let i = start; i < end; i++) {
        const d = a[i] - b[i];
        acc = (acc + d * d) | 0;
      }
      total += acc;
    }
    return total;
  }
  let s0 = 0;
  let s1 = 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const d0 = a[i] - b[i];
    const d1 = a[i + 1] - b[i + 1];
    s0 += d0 * d0;
    s1 += d1 * d1;
  }
  if (i < n) {
    const d = a[i] - b[i];
    s0 += d * d;
  }
  return s0 + s1;
}

/** Mean squared error over every sample of two equally shaped frames. */
export function mse(ref: Frame, test: Frame): number {
  return sumSquaredError(ref.data, test.data) / ref.data.length;
}

/** PSNR in dB from an MSE: 10·log10(range²/mse); Infinity for identical inputs (mse 0). */
export function psnrFromMse(meanSquaredError: number, dataRange: number): number {
  if (!(dataRange > 0)) throw new RangeError(`dataRange must be positive, got ${dataRange}`);
  if (meanSquaredError === 0) return Infinity;
  return 10 * Math.log10((dataRange * dataRange) / meanSquaredError);
}

/** PSNR of one frame pair, as skimage.metrics.peak_signal_noise_ratio. */
export function psnr(ref: Frame, test: Frame, options: PsnrOptions): number {
  return psnrFromMse(mse(ref, test), options.dataRange);
}

/** Per-video PSNR both ways papers report it: mean of per-frame PSNR, and PSNR of the pooled MSE. */
export interface VideoPsnr {
  /** Mean over frames of per-frame PSNR (Turbo-VAED's protocol); Infinity if any frame is identical. */
  meanOfFrames: number;
  /** PSNR of the MSE averaged over all frames (what a whole-video MSE gives). */
  pooled: number;
}

/** Combines per-frame MSEs (equal-size frames) into both per-video PSNR conventions. */
export function videoPsnr(frameMses: readonly number[], dataRange: number): VideoPsnr {
  if (frameMses.length === 0) throw new RangeError('videoPsnr needs at least one frame');
  let sumPsnr = 0;
  let sumMse = 0;
  for (const m of frameMses) {
    sumPsnr += psnrFromMse(m, dataRange);
    sumMse += m;
  }
  return { meanOfFrames: sumPsnr / frameMses.length, pooled: psnrFromMse(sumMse / frameMses.length, dataRange) };
}
