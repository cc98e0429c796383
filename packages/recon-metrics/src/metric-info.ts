/** Names of the metrics this package computes per frame. */
export const METRIC_NAMES = ['psnr', 'ssim', 'msssim', 'flicker'] as const;

/** One of METRIC_NAMES. */
export type MetricName = (typeof METRIC_NAMES)[number];

/** What a metric is and which way is better (torchmetrics' `higher_is_better`). */
export interface MetricInfo {
  name: string;
  higherIsBetter: boolean;
  description: string;
}

/** Direction and meaning of every metric, including derived ones (pooled PSNR) and LPIPS from other tools. */
export const METRIC_INFO: Record<string, MetricInfo> = {
  psnr: { name: 'psnr', higherIsBetter: true, description: 'peak signal-to-noise ratio in dB, mean of per-frame values' },
  psnrPooled: { name: 'psnrPooled', higherIsBetter: true, description: 'PSNR of the MSE pooled over all frames of a video' },
  ssim: { name: 'ssim', higherIsBetter: true, description: 'structural similarity, mean over channels' },
  msssim: { name: 'msssim', higherIsBetter: true, description: 'multi-scale SSIM, 5 scales, Wang et al. 2003 weights' },
  flicker: { name: 'flicker', higherIsBetter: false, description: 'mean |test change - reference change| between consecutive frames / data range' },
  lpips: { name: 'lpips', higherIsBetter: false, description: 'learned perceptual distance (computed elsewhere)' },
  mse: { name: 'mse', higherIsBetter: false, description: 'mean squared error' },
};

/** Whether a higher value of `metric` is better; throws RangeError for an unknown metric. */
export function higherIsBetter(metric: string): boolean {
  const info = METRIC_INFO[metric];
  if (!info) throw new RangeError(`unknown metric "${metric}" (known: ${Object.keys(METRIC_INFO).join(', ')})`);
  return info.higherIsBetter;
}
