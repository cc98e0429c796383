import { extractPlane, type Frame } from './frame';
import { createSsimScratch, ssimPlane, type SsimScratch } from './ssim-plane';
import { simdPlanes, simdSsimAvailable } from './ssim-simd';
import { windowForVariant, type SsimVariant } from './ssim-window';

/** Options of SSIM: convention and data range (255 for 8-bit data, 1 for [0,1] data). */
export interface SsimOptions {
  variant: SsimVariant;
  dataRange: number;
}

/** SSIM is better when higher. */
export const SSIM_HIGHER_IS_BETTER = true;

// Plane buffers are kept between calls: allocating (and zeroing) two fresh 7 MB planes per 720p
// frame costs more than a tenth of the SSIM itself. One set per thread, grown as needed.
let cached: { px: Float64Array; py: Float64Array; scratch: SsimScratch } | undefined;

function buffersFor(width: number, height: number): { px: Float64Array; py: Float64Array; scratch: SsimScratch } {
  const n = width * height;
  if (!cached || cached.px.length < n || cached.scratch.rows.length < 4 * width) {
    cached = { px: new Float64Array(n), py: new Float64Array(n), scratch: createSsimScratch(width) };
  }
  return cached;
}

/**
 * Mean SSIM of two equally shaped frames; multi-channel frames give the mean over channels
 * (scikit-image's `channel_axis`, and torchmetrics' mean over the channel dimension).
 * 'wang' matches skimage `gaussian_weights=True, sigma=1.5, use_sample_covariance=False` and
 * torchmetrics; 'skimage' matches skimage's defaults (7x7 uniform window, sample covariance).
 */
export function ssim(ref: Frame, test: Frame, options: SsimOptions): number {
  if (!(options.dataRange > 0)) throw new RangeError(`dataRange must be positive, got ${options.dataRange}`);
  const window = windowForVariant(options.variant);
  const { px, py, scratch } = buffersFor(ref.width, ref.height);
  let sum = 0;
  // with the SIMD kernel, extract straight into its WebAssembly memory (no extra copy)
  const direct = window.radius === 5 && ref.width > 10 && ref.height > 10 && simdSsimAvailable();
  for (let c = 0; c < ref.channels; c++) {
    const planes = direct ? simdPlanes(ref.width, ref.height) : { x: px, y: py };
    extractPlane(ref, c, planes.x);
    extractPlane(test, c, planes.y);
    sum += ssimPlane(planes.x, planes.y, ref.width, ref.height, window, options.dataRange, scratch).ssim;
  }
  return sum / ref.channels;
}
