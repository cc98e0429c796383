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
export function dataRangeExcesses(extents: readonly Pick<SampleExtent, 'path' | 'min' | 'max'>[], dataRange: number, scale = 1): DataRangeExcess[] {
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

/** A pair whose reference and test samples span ranges far apart, as if one were on another scale. */
export interface ScaleMismatch {
  pair: string;
  reference: SampleExtent;
  test: SampleExtent;
  /** The larger span over the smaller. */
  ratio: number;
}

/** Spans further apart than this are reported: 0-1 against 0-255 is 255; a decoder's overshoot is a few percent. */
export const SCALE_MISMATCH_RATIO = 10;

/**
 * The pairs whose reference and test samples span ranges more than SCALE_MISMATCH_RATIO apart (0-1
 * floats against 0-255 floats): one data range cannot fit both, whatever it is. A constant input
 * (span 0) is not judged.
 */
export function scaleMismatches(extents: readonly SampleExtent[]): ScaleMismatch[] {
  const out: ScaleMismatch[] = [];
  const pairs = new Map<string, { reference?: SampleExtent; test?: SampleExtent }>();
  for (const e of extents) pairs.set(e.pair, { ...pairs.get(e.pair), [e.role]: e });
  for (const [pair, { reference, test }] of pairs) {
    if (!reference || !test) continue;
    const a = reference.max - reference.min;
    const b = test.max - test.min;
    if (!(a > 0 && b > 0)) continue;
    const ratio = Math.max(a, b) / Math.min(a, b);
    if (ratio > SCALE_MISMATCH_RATIO) out.push({ pair, reference, test, ratio });
  }
  return out;
}
