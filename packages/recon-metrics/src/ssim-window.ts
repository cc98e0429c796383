/**
 * A symmetric separable window: `weights[t]` is the 1-D weight at distance t from the centre
 * (t = 0..radius), so the 2-D window is the outer product of the 1-D one with itself.
 */
export interface SsimWindow {
  radius: number;
  weights: Float64Array;
  /** Covariance normalisation: 1 for population statistics, NP/(NP-1) for sample statistics. */
  covNorm: number;
}

/** The two SSIM conventions: Wang et al. 2004 (Gaussian 11/σ1.5, population) and scikit-image's default (7x7 uniform, sample). */
export type SsimVariant = 'wang' | 'skimage';

/** All SSIM variants, for option parsing. */
export const SSIM_VARIANTS: readonly SsimVariant[] = ['wang', 'skimage'];

/**
 * Gaussian window exactly as scipy.ndimage.gaussian_filter builds it: radius int(truncate·σ + 0.5),
 * weights exp(-t²/2σ²) normalised to sum 1 over -radius..radius. σ 1.5 with truncate 3.5 gives
 * scikit-image's 11-tap window (its `gaussian_weights=True`).
 */
export function gaussianWindow(sigma = 1.5, truncate = 3.5, covNorm = 1): SsimWindow {
  const radius = Math.floor(truncate * sigma + 0.5);
  const weights = new Float64Array(radius + 1);
  let sum = 0;
  for (let t = -radius; t <= radius; t++) sum += Math.exp((-0.5 * t * t) / (sigma * sigma));
  for (let t = 0; t <= radius; t++) weights[t] = Math.exp((-0.5 * t * t) / (sigma * sigma)) / sum;
  return { radius, weights, covNorm };
}

/** Uniform (box) window of odd `size`, as scipy.ndimage.uniform_filter. */
export function uniformWindow(size = 7, covNorm = 1): SsimWindow {
  if (size % 2 !== 1 || size < 1) throw new RangeError(`window size must be odd and positive, got ${size}`);
  const radius = (size - 1) / 2;
  return { radius, weights: new Float64Array(radius + 1).fill(1 / size), covNorm };
}

/** The window of an SSIM convention. */
export function windowForVariant(variant: SsimVariant): SsimWindow {
  if (variant === 'wang') return gaussianWindow(1.5, 3.5, 1);
  if (variant === 'skimage') return uniformWindow(7, 49 / 48);
  throw new RangeError(`unknown SSIM variant "${String(variant)}" (expected wang or skimage)`);
}
