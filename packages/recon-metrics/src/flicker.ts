import type { Frame } from './frame';
import { flickerSumU8 } from './kernels/streaming-reductions';
import { metricsKernels } from './kernels/wasm-kernels';

/** Flicker is better when lower (0 = the test video changes exactly as the reference does). */
export const FLICKER_HIGHER_IS_BETTER = false;

/**
 * Temporal flicker between frame t-1 and t: the mean over samples of
 * |(test_t - test_{t-1}) - (ref_t - ref_{t-1})| divided by the data range. It is zero when the
 * test video's frame-to-frame changes equal the reference's (a constant per-frame error does not
 * flicker) and grows with temporal instability the reference does not have.
 */
export function flickerBetween(refPrev: Frame, ref: Frame, testPrev: Frame, test: Frame, dataRange: number): number {
  if (!(dataRange > 0)) throw new RangeError(`dataRange must be positive, got ${dataRange}`);
  const a0 = refPrev.data;
  const a1 = ref.data;
  const b0 = testPrev.data;
  const b1 = test.data;
  const n = a1.length;
  if (a0.length !== n || b0.length !== n || b1.length !== n) throw new RangeError('flicker needs four frames of the same shape');
  // 8-bit frames: an exact integer sum in one pass over the four frames (16 samples per instruction)
  const kernels = a0 instanceof Uint8Array && a1 instanceof Uint8Array && b0 instanceof Uint8Array && b1 instanceof Uint8Array ? metricsKernels() : null;
  if (kernels) return flickerSumU8(kernels, a0 as Uint8Array, a1 as Uint8Array, b0 as Uint8Array, b1 as Uint8Array) / n / dataRange;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.abs(b1[i] - b0[i] - (a1[i] - a0[i]));
  return sum / n / dataRange;
}

/** Per-transition flicker of two equally long videos (length frames-1; empty for one frame). */
export function flickerSeries(ref: readonly Frame[], test: readonly Frame[], dataRange: number): number[] {
  if (ref.length !== test.length) throw new RangeError(`videos have ${ref.length} and ${test.length} frames`);
  const out: number[] = [];
  for (let t = 1; t < ref.length; t++) out.push(flickerBetween(ref[t - 1], ref[t], test[t - 1], test[t], dataRange));
  return out;
}
