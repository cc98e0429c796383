import type { SampleExtent } from './io/open-inputs';

/** One input whose samples span more than the data range the metrics assume. */
export interface DataRangeExcess {
  path: string;
  min: number;
  max: number;
  /** max - min of the samples, after `scale`. */
  span: number;
  dataRange: number;
}

/**
 * The inputs whose samples (times `scale`, as the metrics see them) span more than `dataRange`.
 * PSNR and SSIM's constants assume every sample lies within one data range: 0-255 data measured with
 * --data-range 1 gives PSNR around -40 dB and an SSIM that says nothing, with exit 0. A relative
 * slack of 1e-6 lets float rounding of exact-range data pass. Each path is reported once.
 */
export function dataRangeExcesses(extents: readonly SampleExtent[], dataRange: number, scale = 1): DataRangeExcess[] {
  const seen = new Set<string>();
  const out: DataRangeExcess[] = [];
  for (const e of extents) {
    if (seen.has(e.path)) continue;
    seen.add(e.path);
    const span = (e.max - e.min) * scale;
    if (span > dataRange * (1 + 1e-6)) out.push({ path: e.path, min: e.min * scale, max: e.max * scale, span, dataRange });
  }
  return out;
}
