import { ERROR_CODES, EvalkitError } from '@evalkit/core';

/** Pixel storage of a frame: 8-bit samples or floating point. */
export type FrameData = Uint8Array | Float32Array | Float64Array;

/** One image: `height` rows of `width` pixels, `channels` interleaved samples per pixel (HWC). */
export interface Frame {
  width: number;
  height: number;
  channels: number;
  data: FrameData;
}

/** Builds a frame after checking that the buffer length matches the shape. */
export function createFrame(width: number, height: number, channels: number, data: FrameData): Frame {
  if (data.length !== width * height * channels) {
    throw new RangeError(`frame data has ${data.length} samples, expected ${width}x${height}x${channels} = ${width * height * channels}`);
  }
  return { width, height, channels, data };
}

/** Labels of the two sides of a comparison, used in mismatch messages. */
export interface PairLabels {
  ref: string;
  test: string;
}

/** Throws EVK_MISMATCH naming both sources when two frames differ in size or channel count. */
export function assertSameShape(ref: Frame, test: Frame, labels: PairLabels = { ref: 'reference', test: 'test' }, frameIndex?: number): void {
  const where = frameIndex === undefined ? '' : ` (frame ${frameIndex})`;
  if (ref.width !== test.width || ref.height !== test.height) {
    throw new EvalkitError(
      ERROR_CODES.MISMATCH,
      `size mismatch${where}: reference ${labels.ref} is ${ref.width}x${ref.height}, test ${labels.test} is ${test.width}x${test.height}`,
      { file: labels.test, field: 'size', value: `${test.width}x${test.height}` },
    );
  }
  if (ref.channels !== test.channels) {
    throw new EvalkitError(
      ERROR_CODES.MISMATCH,
      `channel mismatch${where}: reference ${labels.ref} has ${ref.channels} channels, test ${labels.test} has ${test.channels}`,
      { file: labels.test, field: 'channels', value: test.channels },
    );
  }
}

/** Copies channel `c` of an interleaved frame into a planar Float64Array (reusing `out` when given). */
export function extractPlane(frame: Frame, c: number, out?: Float64Array): Float64Array {
  const n = frame.width * frame.height;
  const plane = out && out.length >= n ? out : new Float64Array(n);
  const { data, channels } = frame;
  if (channels === 1) {
    for (let i = 0; i < n; i++) plane[i] = data[i];
  } else {
    for (let i = 0, k = c; i < n; i++, k += channels) plane[i] = data[k];
  }
  return plane;
}

/** Scales every sample by `factor` into a new Float64 frame (e.g. 1/255 for the [0,1] protocol). */
export function scaleFrame(frame: Frame, factor: number): Frame {
  const out = new Float64Array(frame.data.length);
  const d = frame.data;
  for (let i = 0; i < d.length; i++) out[i] = d[i] * factor;
  return { width: frame.width, height: frame.height, channels: frame.channels, data: out };
}
