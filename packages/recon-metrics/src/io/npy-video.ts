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
  /** Frame `index` (a view, no copy). */
  frame(index: number): Frame;
}

/**
 * A .npy array (any dtype media-io reads: uint8, float16/32/64) as a video: shape (T, H, W, C)
 * with C = 1 or 3, or (T, H, W) for grey.
 */
export function npyVideo(array: NdArray, path: string): NpyVideo {
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
  return {
    path,
    dtype,
    frameCount,
    width,
    height,
    channels,
    frame(index) {
      if (index < 0 || index >= frameCount) throw new RangeError(`frame ${index} out of range (${frameCount} frames in ${path})`);
      return { width, height, channels, data: data.subarray(index * frameSamples, (index + 1) * frameSamples) };
    },
  };
}

/** Reads a .npy video array. */
export function readNpyVideo(path: string): NpyVideo {
  return npyVideo(readNpyFile(path), path);
}
