import type { Frame } from './frame';

/** ITU-R BT.601 luma weights for R, G, B (the "Y" of JPEG/MPEG and of skimage.color.rgb2gray's ancestor). */
export const BT601_WEIGHTS = [0.299, 0.587, 0.114] as const;

/** BT.601 luma of an RGB frame as a 1-channel Float64 frame on the same scale; 1-channel frames pass through. */
export function lumaBt601(frame: Frame): Frame {
  if (frame.channels === 1) return frame;
  if (frame.channels !== 3) throw new RangeError(`luma needs 1 or 3 channels, got ${frame.channels}`);
  const n = frame.width * frame.height;
  const out = new Float64Array(n);
  const d = frame.data;
  const [wr, wg, wb] = BT601_WEIGHTS;
  for (let i = 0, k = 0; i < n; i++, k += 3) out[i] = wr * d[k] + wg * d[k + 1] + wb * d[k + 2];
  return { width: frame.width, height: frame.height, channels: 1, data: out };
}
