import type { Frame } from './frame';
import { lumaBt601 } from './luma';
import { msSsim } from './ms-ssim';
import { mse, psnrFromMse } from './psnr';
import { ssim } from './ssim';
import type { SsimVariant } from './ssim-window';

/** What to compute for each frame pair. */
export interface FrameMetricOptions {
  psnr: boolean;
  ssim: boolean;
  msssim: boolean;
  ssimVariant: SsimVariant;
  dataRange: number;
  /** Compare BT.601 luma instead of the colour channels. */
  luma: boolean;
  /** Threads to split SSIM and MS-SSIM of this one pair over (column strips; default 1). */
  threads?: number;
}

/** Metrics of one frame pair; mse is always present (pooled PSNR needs it). */
export interface FrameMetrics {
  mse: number;
  psnr?: number;
  ssim?: number;
  msssim?: number;
}

/** Computes the selected metrics of one frame pair (the unit of work a worker thread runs). */
export function computeFrameMetrics(ref: Frame, test: Frame, options: FrameMetricOptions): FrameMetrics {
  const a = options.luma ? lumaBt601(ref) : ref;
  const b = options.luma ? lumaBt601(test) : test;
  const m = mse(a, b);
  const out: FrameMetrics = { mse: m };
  if (options.psnr) out.psnr = psnrFromMse(m, options.dataRange);
  if (options.ssim) out.ssim = ssim(a, b, { variant: options.ssimVariant, dataRange: options.dataRange, threads: options.threads });
  if (options.msssim) out.msssim = msSsim(a, b, { dataRange: options.dataRange, threads: options.threads });
  return out;
}
