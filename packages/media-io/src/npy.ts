import { bfloat16BitsToFloat32, float16BitsToFloat32 } from './float16';
import { formatError } from './format-error';
import { fortranToC } from './permute-axes';
import { shapeSize, type ArrayData, type NdArray } from './tensor';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"

/** The .npy element types read (either byte order): uint8, float16 (widened to float32), float32, float64. */
export const SUPPORTED_NPY_DTYPES = ['|u1', '<f2', '>f2', '<f4', '>f4', '<f8', '>f8'] as const;

/** Parsed header of a .npy file. */
export interface NpyHeader {
  descr: string;
  fortranOrder: boolean;
  shape: number[];
  /** Byte offset of the array data. */
  dataOffset: number;
}

/** Reads the header of a .npy buffer (format 1.0, 2.0 and 3.0); errors name the source and the malformed field. */
export function parseNpyHeader(bytes: Uint8Array, source: string): NpyHeader {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw formatError(source, 'not a NumPy .npy file (missing the \\x93NUMPY magic string)', 'magic', Buffer.from(bytes.subarray(0, 6)).toString('latin1'));
  }
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLength: number;
  let headerStart: number;
  if (major === 1) {
    headerLength = view.getUint16(8, true);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw formatError(source, 'truncated .npy header', 'header');
    headerLength = view.getUint32(8, true);
    headerStart = 12;
  } else {
    throw formatError(source, 'unsupported .npy format version (1, 2 and 3 are known)', 'version', `${major}.${bytes[7]}`);
  }
  if (headerStart + headerLength > bytes.length) {
    throw formatError(source, `truncated .npy header: it says ${headerLength} bytes but the file has ${bytes.length - headerStart} after the preamble`, 'header');
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + headerStart, headerLength).toString(major === 3 ? 'utf8' : 'latin1');
  const descr = /['"]descr['"]\s*:\s*['"]([^'"]*)['"]/.exec(text);
  const fortran = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(text);
  const shape = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(text);
  if (!text.trim().startsWith('{')) throw formatError(source, 'malformed .npy header: expected a Python dict literal', 'header', text.trim().slice(0, 60));
  if (!descr) throw formatError(source, 'malformed .npy header: no "descr" entry', 'descr', text.trim().slice(0, 80));
  if (!fortran) throw formatError(source, 'malformed .npy header: no "fortran_order" True/False entry', 'fortran_order', text.trim().slice(0, 80));
  if (!shape) throw formatError(source, 'malformed .npy header: no "shape" tuple', 'shape', text.trim().slice(0, 80));
  const dims = shape[1]
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const parsedShape = dims.map((d) => Number(d.replace(/L$/, '')));
  if (parsedShape.some((d) => !Number.isInteger(d) || d < 0)) throw formatError(source, 'malformed .npy header: shape entries must be non-negative integers', 'shape', shape[1]);
  return { descr: descr[1], fortranOrder: fortran[1] === 'True', shape: parsedShape, dataOffset: headerStart + headerLength };
}

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Element kinds of raw float bytes: IEEE half, single, double, and bfloat16. */
export type FloatKind = 'f2' | 'f4' | 'f8' | 'bf16';

/** Decodes `count` raw floats of `kind` in the given byte order; half and bfloat16 widen to float32, f8 stays float64. */
export function decodeFloatBytes(bytes: Uint8Array, kind: FloatKind, littleEndian: boolean, count: number): Float32Array | Float64Array {
  const width = kind === 'f8' ? 8 : kind === 'f4' ? 4 : 2;
  if (littleEndian && HOST_LITTLE_ENDIAN && (kind === 'f4' || kind === 'f8')) {
    // Same values as the DataView loop below, by a copy into an aligned buffer (checkpoints are large).
    const copy = new Uint8Array(count * width); // a fresh buffer (a Buffer's slice would be a view)
    copy.set(bytes.subarray(0, count * width));
    return kind === 'f4' ? new Float32Array(copy.buffer, 0, count) : new Float64Array(copy.buffer, 0, count);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, count * width);
  if (kind === 'f4') {
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, littleEndian);
    return out;
  }
  if (kind === 'f8') {
    const out = new Float64Array(count);
    for (let i = 0; i < count; i++) out[i] = view.getFloat64(i * 8, littleEndian);
    return out;
  }
  const bits = new Uint16Array(count);
  for (let i = 0; i < count; i++) bits[i] = view.getUint16(i * 2, littleEndian);
  return kind === 'f2' ? float16BitsToFloat32(bits) : bfloat16BitsToFloat32(bits);
}

/** An array read from a .npy file, with the file's own dtype string. */
export interface NpyArray extends NdArray {
  /** The header's descr, e.g. "<f2" (the data may have been widened). */
  descr: string;
}

/**
 * Parses a .npy buffer into a C-order array: uint8, float16 (widened to float32), float32 and
 * float64 in either byte order and either memory order. Other dtypes, malformed headers and
 * truncated data are errors naming `source`, the field and the value. Bytes after the data are
 * ignored, as numpy.load ignores them.
 */
export function parseNpy(bytes: Uint8Array, source: string): NpyArray {
  const header = parseNpyHeader(bytes, source);
  const m = /^([<>|=])([a-zA-Z])(\d+)$/.exec(header.descr);
  const kind = m ? `${m[2]}${m[3]}` : header.descr;
  if (!m || !['u1', 'f2', 'f4', 'f8'].includes(kind)) {
    throw formatError(source, `unsupported dtype: .npy arrays of uint8, float16, float32 or float64 are read (descr ${SUPPORTED_NPY_DTYPES.join(', ')})`, 'descr', header.descr);
  }
  const width = Number(m[3]);
  const count = shapeSize(header.shape);
  const expected = count * width;
  const available = bytes.length - header.dataOffset;
  if (available < expected) {
    throw formatError(source, `truncated data: shape ${JSON.stringify(header.shape)} of ${header.descr} needs ${expected} bytes, the file has ${available}`, 'data', available);
  }
  const body = bytes.subarray(header.dataOffset);
  let data: ArrayData = kind === 'u1' ? new Uint8Array(body.subarray(0, count)) : decodeFloatBytes(body, kind as FloatKind, m[1] !== '>', count);
  if (header.fortranOrder) data = fortranToC(data, header.shape);
  return { dtype: data instanceof Uint8Array ? 'uint8' : data instanceof Float32Array ? 'float32' : 'float64', shape: header.shape, data, descr: header.descr };
}

/**
 * Encodes a C-order array as a version 1.0 .npy buffer (uint8 as |u1, float32 as <f4, float64 as
 * <f8), header padded so the data starts on a 64-byte boundary, as numpy.save does.
 */
export function encodeNpy(array: { data: ArrayData; shape: readonly number[] }): Uint8Array {
  const { data, shape } = array;
  if (data.length !== shapeSize(shape)) throw new RangeError(`encodeNpy: ${data.length} values do not fill shape [${shape.join(', ')}]`);
  const descr = data instanceof Uint8Array ? '|u1' : data instanceof Float32Array ? '<f4' : '<f8';
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + data.byteLength);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(Buffer.from(header, 'latin1'), 10);
  const body = new DataView(out.buffer, 10 + header.length);
  // Written value by value so the file is little-endian whatever the host's byte order.
  if (data instanceof Uint8Array) out.set(data, 10 + header.length);
  else if (data instanceof Float32Array) for (let i = 0; i < data.length; i++) body.setFloat32(i * 4, data[i], true);
  else for (let i = 0; i < data.length; i++) body.setFloat64(i * 8, data[i], true);
  return out;
}
