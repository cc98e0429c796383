import { extractPlane, type Frame } from './frame';
import { createSsimScratch, ssimPlane } from './ssim-plane';
import { gaussianWindow } from './ssim-window';

/** The five scale weights of Wang, Simoncelli & Bovik (2003), as torchmetrics' default `betas`. */
export const MS_SSIM_WEIGHTS = [0.0448, 0.2856, 0.3001, 0.2363, 0.1333] as const;

/** Options of MS-SSIM: the data range. */
export interface MsSsimOptions {
  dataRange: number;
}

/** MS-SSIM is better when higher. */
export const MS_SSIM_HIGHER_IS_BETTER = true;

/** Smallest side MS-SSIM accepts: the 11-tap window must fit in the image after four halvings. */
export const MS_SSIM_MIN_SIDE = 11 * 16;

/** 2x2 average pooling that drops an odd last row/column (torch's avg_pool2d). */
function halve(plane: Float64Array, width: number, height: number): { plane: Float64Array; width: number; height: number } {
  const w = Math.floor(width / 2);
  const h = Math.floor(height / 2);
  const out = new Float64Array(w * h);
  for (let i = 0; i < h; i++) {
    const r0 = 2 * i * width;
    const r1 = r0 + width;
    for (let j = 0; j < w; j++) {
      const k = 2 * j;
      out[i * w + j] = (plane[r0 + k] + plane[r0 + k + 1] + plane[r1 + k] + plane[r1 + k + 1]) / 4;
    }
  }
  return { plane: out, width: w, height: h };
}

/**
 * Multi-scale SSIM (Wang, Simoncelli & Bovik 2003) with torchmetrics' conventions: Gaussian window
 * 11/σ1.5, population covariance, valid region only, contrast-structure at scales 1-4 and full SSIM
 * at scale 5, each averaged over channels before the weighted product, 2x2 average pooling between
 * scales. A negative term raised to its fractional weight gives NaN, as in torchmetrics without
 * normalisation. Throws RangeError for sides under 176.
 */
export function msSsim(ref: Frame, test: Frame, options: MsSsimOptions): number {
  if (!(options.dataRange > 0)) throw new RangeError(`dataRange must be positive, got ${options.dataRange}`);
  if (ref.width < MS_SSIM_MIN_SIDE || ref.height < MS_SSIM_MIN_SIDE) {
    throw new RangeError(`MS-SSIM needs both sides >= ${MS_SSIM_MIN_SIDE} (5 scales, 11-tap window), got ${ref.width}x${ref.height}`);
  }
  const window = gaussianWindow(1.5, 3.5, 1);
  const scratch = createSsimScratch(ref.width);
  const terms = new Float64Array(MS_SSIM_WEIGHTS.length);
  for (let c = 0; c < ref.channels; c++) {
    let x = { plane: extractPlane(ref, c), width: ref.width, height: ref.height };
    let y = { plane: extractPlane(test, c), width: ref.width, height: ref.height };
    for (let s = 0; s < MS_SSIM_WEIGHTS.length; s++) {
      const stats = ssimPlane(x.plane, y.plane, x.width, x.height, window, options.dataRange, scratch);
      terms[s] += (s === MS_SSIM_WEIGHTS.length - 1 ? stats.ssim : stats.cs) / ref.channels;
      if (s < MS_SSIM_WEIGHTS.length - 1) {
        x = halve(x.plane, x.width, x.height);
        y = halve(y.plane, y.width, y.height);
      }
    }
  }
  let result = 1;
  for (let s = 0; s < MS_SSIM_WEIGHTS.length; s++) result *= Math.pow(terms[s], MS_SSIM_WEIGHTS[s]);
  return result;
}
