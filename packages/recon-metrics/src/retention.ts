import { higherIsBetter } from './metric-info';

/** How much of a baseline decoder's quality a test decoder keeps, for one metric. */
export interface QualityRetention {
  metric: string;
  higherIsBetter: boolean;
  baseline: number;
  test: number;
  /** test/baseline for higher-is-better metrics, baseline/test for lower-is-better; 1 = same quality, >1 better. */
  retention: number;
}

/**
 * Quality retention of a test decoder against a baseline decoder scored on the same reference
 * frames — the ratio behind a paper's "retains 96.9% of the quality". The direction comes from
 * the metric (PSNR/SSIM: test/baseline; flicker, LPIPS: baseline/test), so below 1 always means worse.
 * Two infinite PSNRs (both identical to the reference) retain 1.
 */
export function qualityRetention(metric: string, baseline: number, test: number, higher = higherIsBetter(metric)): QualityRetention {
  let retention: number;
  if (baseline === test) retention = 1;
  else retention = higher ? test / baseline : baseline / test;
  return { metric, higherIsBetter: higher, baseline, test, retention };
}
