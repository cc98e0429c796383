import type { Frames8 } from '@evalkit/media-io';
import type { VideoTensor } from '../latents/latent';

/**
 * Converts a [1,3,F,H,W] video in [-1,1] to 8-bit frames: round((x + 1) · 127.5), clamped to
 * [0, 255] (a decoder's output routinely overshoots the range). NaN becomes 0.
 */
export function videoToFrames8(video: VideoTensor): Frames8 {
  const [b, c, f, h, w] = video.shape;
  if (video.shape.length !== 5 || b !== 1 || c !== 3) throw new RangeError(`video must be [1, 3, frames, height, width], got [${video.shape.join(', ')}]`);
  const plane = h * w;
  const frames: Uint8Array[] = [];
  for (let t = 0; t < f; t++) {
    const out = new Uint8Array(plane * 3);
    for (let ch = 0; ch < 3; ch++) {
      const base = (ch * f + t) * plane;
      for (let i = 0; i < plane; i++) {
        const v = Math.round((video.data[base + i] + 1) * 127.5);
        out[i * 3 + ch] = v > 255 ? 255 : v >= 0 ? v : 0;
      }
    }
    frames.push(out);
  }
  return { frames, height: h, width: w };
}

/** Converts 8-bit frames to a [1,3,F,H,W] video in [-1,1] (x / 127.5 − 1). */
export function frames8ToVideo(input: Frames8): VideoTensor {
  const { frames, height: h, width: w } = input;
  const f = frames.length;
  const plane = h * w;
  const data = new Float32Array(3 * f * plane);
  frames.forEach((frame, t) => {
    for (let ch = 0; ch < 3; ch++) {
      const base = (ch * f + t) * plane;
      for (let i = 0; i < plane; i++) data[base + i] = frame[i * 3 + ch] / 127.5 - 1;
    }
  });
  return { data, shape: [1, 3, f, h, w] };
}
