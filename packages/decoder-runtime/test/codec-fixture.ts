import { resolve } from 'node:path';
import { readRgbClip, type Frames8 } from '@evalkit/media-io';
import { frames8ToVideo } from '../src';
import { type VideoTensor } from '../src/latents/latent';

/** The fixture clip folder (17 frames of 128x128). */
export const CLIP_DIR = resolve(__dirname, '../../../fixtures/clip');

let cached: { clip: Frames8; video: VideoTensor } | undefined;

/** The fixture clip as 8-bit frames and as a [1,3,17,128,128] video in [-1,1]. */
export async function fixtureClip(): Promise<{ clip: Frames8; video: VideoTensor }> {
  if (!cached) {
    const clip = await readRgbClip(CLIP_DIR);
    cached = { clip, video: frames8ToVideo(clip) };
  }
  return cached;
}

/** Mean over frames of per-frame PSNR (dB, peak 255), the paper's protocol; written here so tests need no metrics package. */
export function meanPsnr8(a: Frames8, b: Frames8): number {
  let sum = 0;
  a.frames.forEach((frame, t) => {
    let se = 0;
    for (let i = 0; i < frame.length; i++) se += (frame[i] - b.frames[t][i]) ** 2;
    sum += 10 * Math.log10((255 * 255) / (se / frame.length));
  });
  return sum / a.frames.length;
}

/** Largest absolute difference of two equally long arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`lengths differ: ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
