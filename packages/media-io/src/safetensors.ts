import { formatError as invalid } from './format-error';
import { decodeFloatBytes } from './npy';
import { shapeSize, type FloatTensor } from './tensor';

/** safetensors dtypes read (converted to float32 on load). */
export const SUPPORTED_SAFETENSORS_DTYPES = ['F32', 'F16', 'BF16', 'F64'] as const;

const WIDTH: Record<string, number> = { F32: 4, F16: 2, BF16: 2, F64: 8 };
const KIND: Record<string, 'f4' | 'f2' | 'bf16' | 'f8'> = { F32: 'f4', F16: 'f2', BF16: 'bf16', F64: 'f8' };

/** One tensor's entry in a safetensors header. */
export interface SafetensorsEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

/** Parses the JSON header of a safetensors buffer; returns the entries, the string metadata and where the data starts. */
export function parseSafetensorsHeader(bytes: Uint8Array, source: string): { tensors: Record<string, SafetensorsEntry>; metadata: Record<string, string>; dataStart: number } {
  if (bytes.length < 8) throw invalid(source, 'not a safetensors file: shorter than its 8-byte header length', 'header');
  const length = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (length > BigInt(bytes.length - 8)) throw invalid(source, `truncated safetensors header: it says ${length} bytes, the file has ${bytes.length - 8}`, 'header', Number(length));
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + 8, Number(length)).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalid(source, `malformed safetensors header (not JSON): ${(error as Error).message}`, 'header');
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw invalid(source, 'malformed safetensors header: expected a JSON object', 'header');
  const tensors: Record<string, SafetensorsEntry> = {};
  for (const [name, value] of Object.entries(json as Record<string, unknown>)) {
    if (name === '__metadata__') continue;
    const v = value as Partial<SafetensorsEntry>;
    if (typeof v?.dtype !== 'string') throw invalid(source, 'malformed safetensors entry: no dtype', `${name}.dtype`, v?.dtype);
    if (!Array.isArray(v.shape) || v.shape.some((d) => !Number.isInteger(d) || d < 0)) throw invalid(source, 'malformed safetensors entry: shape must be a list of non-negative integers', `${name}.shape`, v.shape);
    if (!Array.isArray(v.data_offsets) || v.data_offsets.length !== 2 || v.data_offsets.some((d) => !Number.isInteger(d) || d < 0) || v.data_offsets[1] < v.data_offsets[0]) {
      throw invalid(source, 'malformed safetensors entry: data_offsets must be [begin, end]', `${name}.data_offsets`, v.data_offsets);
    }
    tensors[name] = v as SafetensorsEntry;
  }
  const metadata = (json as { __metadata__?: Record<string, string> }).__metadata__ ?? {};
  return { tensors, metadata, dataStart: 8 + Number(length) };
}

/**
 * Checks one header entry: a dtype evalkit reads, data_offsets spanning exactly its shape, and data
 * that ends within the `dataBytes` after the header. Returns the element count.
 */
export function checkSafetensorsEntry(name: string, entry: SafetensorsEntry, source: string, dataBytes: number): number {
  if (!(entry.dtype in WIDTH)) {
    throw invalid(source, `unsupported dtype: tensors of ${SUPPORTED_SAFETENSORS_DTYPES.join(', ')} are read`, `${name}.dtype`, entry.dtype);
  }
  const count = shapeSize(entry.shape);
  const [begin, end] = entry.data_offsets;
  if (end - begin !== count * WIDTH[entry.dtype]) {
    throw invalid(source, `data_offsets span ${end - begin} bytes but shape ${JSON.stringify(entry.shape)} of ${entry.dtype} needs ${count * WIDTH[entry.dtype]}`, `${name}.data_offsets`, entry.data_offsets);
  }
  if (end > dataBytes) {
    throw invalid(source, `truncated data: tensor "${name}" ends at byte ${end} of the data, which has ${dataBytes}`, `${name}.data_offsets`, entry.data_offsets);
  }
  return count;
}

/** Decodes `count` little-endian values of a safetensors dtype to float32. */
export function decodeSafetensorsData(bytes: Uint8Array, dtype: string, count: number): Float32Array {
  const decoded = decodeFloatBytes(bytes, KIND[dtype], true, count);
  return decoded instanceof Float32Array ? decoded : Float32Array.from(decoded);
}

/**
 * Reads one tensor of a safetensors buffer as float32. `key` picks it; without it the file must
 * hold one tensor, or one whose name is among `preferredKeys` (the first found in that order).
 */
export function parseSafetensors(bytes: Uint8Array, source: string, key?: string, preferredKeys: readonly string[] = []): FloatTensor {
  const { tensors, dataStart } = parseSafetensorsHeader(bytes, source);
  const names = Object.keys(tensors);
  let name: string | undefined;
  if (key !== undefined) {
    if (!(key in tensors)) throw invalid(source, `no tensor named "${key}" (the file holds: ${names.join(', ') || 'nothing'})`, 'key', key);
    name = key;
  } else if (names.length === 1) name = names[0];
  else name = preferredKeys.find((k) => k in tensors);
  if (name === undefined) throw invalid(source, `the file holds ${names.length} tensors (${names.join(', ') || 'none'}); name one as FILE.safetensors:KEY`, 'key');
  const entry = tensors[name];
  const count = checkSafetensorsEntry(name, entry, source, bytes.length - dataStart);
  const [begin, end] = entry.data_offsets;
  return { data: decodeSafetensorsData(bytes.subarray(dataStart + begin, dataStart + end), entry.dtype, count), shape: entry.shape.slice() };
}

/** Encodes named float32 tensors (and string metadata) as a safetensors buffer. */
export function encodeSafetensors(tensors: Record<string, { data: Float32Array; shape: number[] }>, metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    header[name] = { dtype: 'F32', shape: t.shape, data_offsets: [offset, offset + t.data.length * 4] };
    offset += t.data.length * 4;
  }
  let json = JSON.stringify(header);
  // Pad the header with spaces to a multiple of 8 bytes, as the reference writer does, so data is aligned.
  json += ' '.repeat((8 - (Buffer.byteLength(json) % 8)) % 8);
  const head = Buffer.from(json, 'utf8');
  const out = new Uint8Array(8 + head.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  let p = 8 + head.length;
  for (const t of Object.values(tensors)) {
    for (let i = 0; i < t.data.length; i++) view.setFloat32(p + i * 4, t.data[i], true);
    p += t.data.length * 4;
  }
  return out;
}
