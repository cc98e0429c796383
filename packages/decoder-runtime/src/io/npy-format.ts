import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import { bfloat16BitsToFloat32, float16BitsToFloat32 } from '../latents/float16';
import { fortranToC } from '../latents/fortran-order';
import { shapeSize, type Latent } from '../latents/latent';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"

/** The dtypes a latent file may hold; everything is converted to float32 on load. */
export const SUPPORTED_NPY_DTYPES = ['<f4', '>f4', '<f2', '>f2', '<f8', '>f8'] as const;

function invalid(source: string, problem: string, field?: string, value?: unknown): EvalkitError {
  const location: { file: string; field?: string; value?: unknown } = { file: source };
  if (field !== undefined) location.field = field;
  if (value !== undefined) location.value = value;
  return new EvalkitError(ERROR_CODES.INVALID_INPUT, problem, location);
}

/** Parsed header of a .npy file. */
export interface NpyHeader {
  descr: string;
  fortranOrder: boolean;
  shape: number[];
  /** Byte offset of the array data. */
  dataOffset: number;
}

/** Reads the header of a .npy buffer; errors name the source and the malformed field. */
export function parseNpyHeader(bytes: Uint8Array, source: string): NpyHeader {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw invalid(source, 'not a NumPy .npy file (missing the \\x93NUMPY magic string)', 'magic');
  }
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLength: number;
  let headerStart: number;
  if (major === 1) {
    headerLength = view.getUint16(8, true);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw invalid(source, 'truncated .npy header', 'header');
    headerLength = view.getUint32(8, true);
    headerStart = 12;
  } else {
    throw invalid(source, 'unsupported .npy format version (1, 2 and 3 are known)', 'version', `${major}.${bytes[7]}`);
  }
  if (headerStart + headerLength > bytes.length) {
    throw invalid(source, `truncated .npy header: it says ${headerLength} bytes but the file has ${bytes.length - headerStart} after the preamble`, 'header');
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + headerStart, headerLength).toString(major === 3 ? 'utf8' : 'latin1');
  const descr = /['"]descr['"]\s*:\s*['"]([^'"]*)['"]/.exec(text);
  const fortran = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(text);
  const shape = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(text);
  if (!text.trim().startsWith('{')) throw invalid(source, 'malformed .npy header: expected a Python dict literal', 'header', text.trim().slice(0, 60));
  if (!descr) throw invalid(source, 'malformed .npy header: no "descr" entry', 'descr', text.trim().slice(0, 80));
  if (!fortran) throw invalid(source, 'malformed .npy header: no "fortran_order" True/False entry', 'fortran_order', text.trim().slice(0, 80));
  if (!shape) throw invalid(source, 'malformed .npy header: no "shape" tuple', 'shape', text.trim().slice(0, 80));
  const dims = shape[1]
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const parsedShape = dims.map((d) => Number(d.replace(/L$/, '')));
  if (parsedShape.some((d) => !Number.isInteger(d) || d < 0)) throw invalid(source, 'malformed .npy header: shape entries must be non-negative integers', 'shape', shape[1]);
  return { descr: descr[1], fortranOrder: fortran[1] === 'True', shape: parsedShape, dataOffset: headerStart + headerLength };
}

/** Decodes raw little/big-endian float bytes of `descr` into float32. */
export function decodeFloatBytes(bytes: Uint8Array, dtype: 'f2' | 'f4' | 'f8' | 'bf16', littleEndian: boolean, count: number): Float32Array {
  const width = dtype === 'f8' ? 8 : dtype === 'f4' ? 4 : 2;
  const view = new DataView(bytes.buffer, bytes.byteOffset, count * width);
  if (dtype === 'f4') {
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, littleEndian);
    return out;
  }
  if (dtype === 'f8') {
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) out[i] = view.getFloat64(i * 8, littleEndian);
    return out;
  }
  const bits = new Uint16Array(count);
  for (let i = 0; i < count; i++) bits[i] = view.getUint16(i * 2, littleEndian);
  return dtype === 'f2' ? float16BitsToFloat32(bits) : bfloat16BitsToFloat32(bits);
}

/**
 * Parses a .npy buffer into a float32 C-order latent. float16/float32/float64 in either byte order
 * and either memory order are accepted; other dtypes, malformed headers and truncated data are errors.
 */
export function parseNpy(bytes: Uint8Array, source: string): Latent {
  const header = parseNpyHeader(bytes, source);
  const m = /^([<>|=])([a-zA-Z])(\d+)$/.exec(header.descr);
  const kind = m ? `${m[2]}${m[3]}` : header.descr;
  if (!m || !['f2', 'f4', 'f8'].includes(kind)) {
    throw invalid(source, `unsupported dtype: latents must be float16, float32 or float64 (descr ${SUPPORTED_NPY_DTYPES.join(', ')})`, 'descr', header.descr);
  }
  const width = Number(m[3]);
  const count = shapeSize(header.shape);
  const expected = count * width;
  const available = bytes.length - header.dataOffset;
  if (available < expected) {
    throw invalid(source, `truncated data: shape ${JSON.stringify(header.shape)} of ${header.descr} needs ${expected} bytes, the file has ${available}`, 'data', available);
  }
  const littleEndian = m[1] !== '>';
  let data = decodeFloatBytes(bytes.subarray(header.dataOffset), kind as 'f2' | 'f4' | 'f8', littleEndian, count);
  if (header.fortranOrder) data = fortranToC(data, header.shape);
  return { data, shape: header.shape };
}

/** Encodes a float32 C-order latent as a version 1.0 .npy buffer (little-endian float32). */
export function encodeNpy(latent: Latent): Uint8Array {
  const shapeText = latent.shape.length === 1 ? `(${latent.shape[0]},)` : `(${latent.shape.join(', ')})`;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeText}, }`;
  // The header is padded with spaces so that the data starts on a 64-byte boundary, ending in \n.
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + latent.data.length * 4);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(Buffer.from(header, 'latin1'), 10);
  const body = new DataView(out.buffer, 10 + header.length);
  for (let i = 0; i < latent.data.length; i++) body.setFloat32(i * 4, latent.data[i], true);
  return out;
}
