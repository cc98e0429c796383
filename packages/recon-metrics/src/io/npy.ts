import { readFileSync } from 'node:fs';
import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import type { Frame, FrameData } from '../frame';

/** A NumPy video array: frames x height x width x channels, C order. */
export interface NpyVideo {
  path: string;
  dtype: 'uint8' | 'float32' | 'float64';
  frameCount: number;
  width: number;
  height: number;
  channels: number;
  /** Frame `index` (a view, no copy). */
  frame(index: number): Frame;
}

const DTYPES: Record<string, NpyVideo['dtype']> = { '|u1': 'uint8', u1: 'uint8', '<u1': 'uint8', '<f4': 'float32', '<f8': 'float64' };

/**
 * Parses a .npy file (format 1.0-3.0) holding a video: shape (T, H, W, C) with C = 1 or 3, or
 * (T, H, W) for grey; dtype uint8, little-endian float32 or float64; C order.
 */
export function parseNpy(bytes: Uint8Array, path: string): NpyVideo {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const fail = (problem: string, field: string, value: unknown): never => {
    throw new EvalkitError(ERROR_CODES.INVALID_INPUT, problem, { file: path, field, value });
  };
  if (buf.length < 10 || buf.readUInt8(0) !== 0x93 || buf.toString('latin1', 1, 6) !== 'NUMPY') fail('not a .npy file (bad magic)', 'magic', buf.toString('latin1', 0, 6));
  const major = buf.readUInt8(6);
  const headerLen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const headerStart = major === 1 ? 10 : 12;
  const header = buf.toString(major === 3 ? 'utf8' : 'latin1', headerStart, headerStart + headerLen);
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) fail('malformed .npy header', 'header', header.trim());
  const dtype = DTYPES[descr!];
  if (!dtype) {
    throw new EvalkitError(ERROR_CODES.UNSUPPORTED, 'unsupported dtype: use uint8, little-endian float32 or float64', { file: path, field: 'descr', value: descr });
  }
  if (fortran === 'True') throw new EvalkitError(ERROR_CODES.UNSUPPORTED, 'Fortran-order arrays are not supported (save with np.ascontiguousarray)', { file: path, field: 'fortran_order', value: true });
  const shape = shapeText!
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  let frameCount: number, height: number, width: number, channels: number;
  if (shape.length === 4) [frameCount, height, width, channels] = shape;
  else if (shape.length === 3) [[frameCount, height, width], channels] = [shape, 1];
  else return fail('a video array must have shape (T, H, W, C) or (T, H, W)', 'shape', shape);
  if (channels !== 1 && channels !== 3) fail('the last axis must hold 1 or 3 channels (shape is (T, H, W, C))', 'shape', shape);
  const itemSize = dtype === 'uint8' ? 1 : dtype === 'float32' ? 4 : 8;
  const dataStart = headerStart + headerLen;
  const frameSamples = height * width * channels;
  const expected = frameCount * frameSamples * itemSize;
  if (buf.length - dataStart !== expected) fail(`data holds ${buf.length - dataStart} bytes, shape ${JSON.stringify(shape)} needs ${expected}`, 'shape', shape);
  // copy into an aligned buffer: the data offset need not be a multiple of the item size
  const raw = new Uint8Array(expected);
  raw.set(buf.subarray(dataStart));
  const all: FrameData = dtype === 'uint8' ? raw : dtype === 'float32' ? new Float32Array(raw.buffer) : new Float64Array(raw.buffer);
  return {
    path,
    dtype,
    frameCount,
    width,
    height,
    channels,
    frame(index) {
      if (index < 0 || index >= frameCount) throw new RangeError(`frame ${index} out of range (${frameCount} frames in ${path})`);
      return { width, height, channels, data: all.subarray(index * frameSamples, (index + 1) * frameSamples) };
    },
  };
}

/** Reads and parses a .npy video array. */
export function readNpy(path: string): NpyVideo {
  return parseNpy(readFileSync(path), path);
}

/** Serialises a uint8/float32/float64 array of `shape` as .npy version 1.0 (for tests and fixtures). */
export function encodeNpy(data: FrameData, shape: readonly number[]): Uint8Array {
  const descr = data instanceof Uint8Array ? '|u1' : data instanceof Float32Array ? '<f4' : '<f8';
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const head = Buffer.alloc(10);
  head.writeUInt8(0x93, 0);
  head.write('NUMPY', 1, 'latin1');
  head.writeUInt8(1, 6);
  head.writeUInt8(0, 7);
  head.writeUInt16LE(header.length, 8);
  return Buffer.concat([head, Buffer.from(header, 'latin1'), Buffer.from(data.buffer, data.byteOffset, data.byteLength)]);
}
