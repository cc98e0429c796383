import { existsSync, readFileSync, statSync } from 'node:fs';
import { ERROR_CODES, EvalkitError, writeFileAtomic } from '@evalkit/core';
import { encodeNpy, parseNpy, type NpyArray } from '../npy';
import { parseNpz } from '../npz';
import { parseSafetensors } from '../safetensors';
import type { ArrayData, FloatTensor } from '../tensor';

/** The array file types readTensorFile understands, by extension. */
export const TENSOR_FILE_FORMATS = ['.npy', '.npz', '.safetensors'] as const;

/**
 * Splits "file.npz:key" into path and key; a colon only counts after a known extension, so
 * Windows drive letters and plain paths are left alone.
 */
export function splitTensorSpec(spec: string): { path: string; key?: string } {
  const m = /^(.*\.(?:npz|safetensors)):([^:/\\]+)$/i.exec(spec);
  return m ? { path: m[1], key: m[2] } : { path: spec };
}

/** How readTensorFile names what it reads in its messages, and which array it picks by default. */
export interface TensorFileOptions {
  /** What the file holds, for messages ("latent" gives "no such latent file"). Default "tensor". */
  noun?: string;
  /** Names picked, in order, when a .npz or safetensors file holds several arrays and no KEY is given. */
  preferredKeys?: readonly string[];
  /** Appended to the list of known file types in the unknown-type message. */
  alternatives?: string;
}

/** Reads a whole .npy file (any dtype parseNpy reads). */
export function readNpyFile(path: string): NpyArray {
  if (!existsSync(path)) throw new EvalkitError(ERROR_CODES.FILE_NOT_FOUND, 'no such file', { file: path });
  return parseNpy(new Uint8Array(readFileSync(path)), path);
}

/**
 * Reads a float tensor from FILE.npy, FILE.npz[:KEY] or FILE.safetensors[:KEY], converted to
 * float32 C order (float16/bfloat16 widened, float64 rounded). Errors name the file, the field and
 * the value.
 */
export function readTensorFile(spec: string, options: TensorFileOptions = {}): FloatTensor {
  const noun = options.noun ?? 'tensor';
  const { path, key } = splitTensorSpec(spec);
  if (!existsSync(path)) throw new EvalkitError(ERROR_CODES.FILE_NOT_FOUND, `no such ${noun} file`, { file: path });
  if (statSync(path).isDirectory()) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `expected a ${noun} file, got a directory`, { file: path });
  const bytes = new Uint8Array(readFileSync(path));
  const lower = path.toLowerCase();
  if (lower.endsWith('.safetensors')) return parseSafetensors(bytes, path, key, options.preferredKeys);
  let array: NpyArray;
  if (lower.endsWith('.npy')) array = parseNpy(bytes, path);
  else if (lower.endsWith('.npz')) array = parseNpz(bytes, path, key, options.preferredKeys);
  else {
    const known = `${TENSOR_FILE_FORMATS.join(', ')}${options.alternatives ? ` ${options.alternatives}` : ''}`;
    throw new EvalkitError(ERROR_CODES.UNSUPPORTED, `unknown ${noun} file type; use one of ${known}`, { file: path });
  }
  if (array.dtype === 'uint8') {
    throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `unsupported dtype: a ${noun} must be float16, float32 or float64`, { file: key ? `${path}:${key}` : path, field: 'descr', value: array.descr });
  }
  return { data: array.data instanceof Float32Array ? array.data : Float32Array.from(array.data), shape: array.shape };
}

/** Writes an array as a .npy file (uint8, float32 or float64), atomically. */
export function writeNpyFile(path: string, array: { data: ArrayData; shape: readonly number[] }): void {
  writeFileAtomic(path, encodeNpy(array));
}
