import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { EvalkitError, ERROR_CODES } from '@evalkit/core';

/** Tensor dtypes a checkpoint may store; all are computed in float32. */
export const CHECKPOINT_DTYPES = ['F32', 'F16', 'BF16'] as const;
const WIDTH: Record<string, number> = { F32: 4, F16: 2, BF16: 2 };

/** One tensor of a safetensors file, located but not read. */
export interface TensorRef {
  /** File holding it. */
  file: string;
  /** safetensors dtype. */
  dtype: string;
  /** Shape as stored. */
  shape: number[];
  /** Absolute byte offset of its data in the file. */
  offset: number;
  /** Bytes. */
  bytes: number;
}

function bad(file: string, problem: string, field?: string, value?: unknown): EvalkitError {
  return new EvalkitError(ERROR_CODES.INVALID_INPUT, problem, { file, ...(field !== undefined ? { field } : {}), ...(value !== undefined ? { value } : {}) });
}

/**
 * Reads the header of a safetensors file (8-byte little-endian length, JSON) and checks every entry
 * against the file size, so a truncated or corrupt file fails here before any tensor is read.
 */
export function readSafetensorsIndex(file: string): Map<string, TensorRef> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    throw new EvalkitError(ERROR_CODES.FILE_NOT_FOUND, 'weights file not found', { file });
  }
  try {
    const size = fstatSync(fd).size;
    if (size < 8) throw bad(file, `not a safetensors file: ${size} bytes, shorter than its 8-byte header length`, 'header');
    const head = Buffer.alloc(8);
    readSync(fd, head, 0, 8, 0);
    const length = Number(head.readBigUInt64LE(0));
    if (length > size - 8) throw bad(file, `not a safetensors file or truncated: its header says ${length} bytes, the file has ${size - 8} after the length`, 'header', length);
    const text = Buffer.alloc(length);
    readSync(fd, text, 0, length, 8);
    let json: unknown;
    try {
      json = JSON.parse(text.toString('utf8'));
    } catch (error) {
      throw bad(file, `corrupt safetensors header (not JSON): ${(error as Error).message}`, 'header');
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json)) throw bad(file, 'corrupt safetensors header: expected a JSON object', 'header');
    const out = new Map<string, TensorRef>();
    const dataStart = 8 + length;
    for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
      if (key === '__metadata__') continue;
      const v = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
      if (typeof v?.dtype !== 'string' || !(v.dtype in WIDTH)) throw bad(file, `unsupported tensor dtype (weights must be ${CHECKPOINT_DTYPES.join(', ')})`, `${key}.dtype`, v?.dtype);
      if (!Array.isArray(v.shape) || v.shape.some((d) => !Number.isInteger(d) || d < 0)) throw bad(file, 'corrupt safetensors entry: shape must be non-negative integers', `${key}.shape`, v.shape);
      const offsets = v.data_offsets as number[];
      if (!Array.isArray(offsets) || offsets.length !== 2 || offsets.some((d) => !Number.isInteger(d) || d < 0) || offsets[1] < offsets[0]) throw bad(file, 'corrupt safetensors entry: data_offsets must be [begin, end]', `${key}.data_offsets`, offsets);
      const shape = v.shape as number[];
      const bytes = shape.reduce((a, d) => a * d, 1) * WIDTH[v.dtype];
      if (offsets[1] - offsets[0] !== bytes) throw bad(file, `data_offsets span ${offsets[1] - offsets[0]} bytes, shape [${shape.join(', ')}] of ${v.dtype} needs ${bytes}`, `${key}.data_offsets`, offsets);
      if (dataStart + offsets[1] > size) throw bad(file, `truncated: tensor "${key}" ends at byte ${dataStart + offsets[1]}, the file has ${size}`, `${key}.data_offsets`, offsets);
      out.set(key, { file, dtype: v.dtype, shape, offset: dataStart + offsets[0], bytes });
    }
    return out;
  } finally {
    closeSync(fd);
  }
}

/** float16 bits to float32. */
function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

/** Reads one tensor as float32 (F16 and BF16 widened exactly). */
export function readTensor(ref: TensorRef): Float32Array {
  const count = ref.bytes / WIDTH[ref.dtype];
  const out = new Float32Array(count);
  const fd = openSync(ref.file, 'r');
  try {
    if (ref.dtype === 'F32') {
      readSync(fd, new Uint8Array(out.buffer), 0, ref.bytes, ref.offset);
      return out;
    }
    const raw = new Uint16Array(count);
    readSync(fd, new Uint8Array(raw.buffer), 0, ref.bytes, ref.offset);
    if (ref.dtype === 'BF16') {
      // bfloat16 is the top half of a float32
      const bits = new Uint32Array(out.buffer);
      for (let i = 0; i < count; i++) bits[i] = raw[i] << 16;
    } else {
      for (let i = 0; i < count; i++) out[i] = halfToFloat(raw[i]);
    }
    return out;
  } finally {
    closeSync(fd);
  }
}
