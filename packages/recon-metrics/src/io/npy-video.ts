import { readNpyFile, type NdArray } from '@evalkit/media-io';
import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import type { Frame } from '../frame';

/** A NumPy video array: frames x height x width x channels, C order. */
export interface NpyVideo {
  path: string;
  dtype: NdArray['dtype'];
  frameCount: number;
  width: number;
  height: number;
  channels: number;
  /** Non-finite samples (NaN, ±Infinity) in the array: 0 unless allowed by `allowNonfinite`. */
  nonFinite: number;
  /** Smallest and largest finite sample (null when there is none): checked against the data range. */
  sampleRange: { min: number; max: number } | null;
  /** Frame `index` (a view, no copy). */
  frame(index: number): Frame;
}

/** Options of reading a video array. */
export interface NpyVideoOptions {
  /** Keep NaN/Infinity samples (they are counted) instead of refusing the file. */
  allowNonfinite?: boolean;
}

/**
 * Refuses (or counts) non-finite samples: one NaN pixel once turned the mean PSNR, SSIM and
 * flicker of a whole run into NaN with exit 0. The error names the first one as [t, y, x, c].
 * The same pass finds the finite samples' extent, so a data range the samples exceed can be warned about.
 */
function scanSamples(data: ArrayLike<number>, dims: [number, number, number, number], path: string, allow: boolean): { nonFinite: number; sampleRange: { min: number; max: number } | null } {
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v - v === 0) {
      // finite; NaN - NaN and Inf - Inf are NaN
      if (v < min) min = v;
      if (v > max) max = v;
      continue;
    }
    if (!allow) {
      const [, h, w, c] = dims;
      const position = [Math.floor(i / (h * w * c)), Math.floor(i / (w * c)) % h, Math.floor(i / c) % w, i % c];
      throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `non-finite sample ${String(v)} at [t, y, x, c] = [${position.join(', ')}] (pass --allow-nonfinite to keep such samples and count them)`, {
        file: path,
        field: `[${position.join(', ')}]`,
        value: String(v),
      });
    }
    count++;
  }
  return { nonFinite: count, sampleRange: min <= max ? { min, max } : null };
}

/**
 * A .npy array (any dtype media-io reads: uint8, float16/32/64) as a video: shape (T, H, W, C)
 * with C = 1 or 3, or (T, H, W) for grey.
 */
export function npyVideo(array: NdArray, path: string, options: NpyVideoOptions = {}): NpyVideo {
  const { shape, data, dtype } = array;
  const fail = (problem: string): never => {
    throw new EvalkitError(ERROR_CODES.INVALID_INPUT, problem, { file: path, field: 'shape', value: shape });
  };
  let frameCount: number, height: number, width: number, channels: number;
  if (shape.length === 4) [frameCount, height, width, channels] = shape;
  else if (shape.length === 3) [[frameCount, height, width], channels] = [shape, 1];
  else return fail('a video array must have shape (T, H, W, C) or (T, H, W)');
  if (channels !== 1 && channels !== 3) fail('the last axis must hold 1 or 3 channels (shape is (T, H, W, C))');
  const frameSamples = height * width * channels;
  const { nonFinite, sampleRange } = scanSamples(data, [frameCount, height, width, channels], path, options.allowNonfinite === true);
  return {
    path,
    dtype,
    frameCount,
    width,
    height,
    channels,
    nonFinite,
    sampleRange,
    frame(index) {
      if (index < 0 || index >= frameCount) throw new RangeError(`frame ${index} out of range (${frameCount} frames in ${path})`);
      return { width, height, channels, data: data.subarray(index * frameSamples, (index + 1) * frameSamples) };
    },
  };
}

/** Reads a .npy video array. */
export function readNpyVideo(path: string, options: NpyVideoOptions = {}): NpyVideo {
  return npyVideo(readNpyFile(path), path, options);
}
