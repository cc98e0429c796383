import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import { formatError } from '../format-error';
import { checkSafetensorsEntry, decodeSafetensorsData, parseSafetensorsHeader } from '../safetensors';

/** One tensor of a safetensors file, located (and checked against the file's size) but not read. */
export interface SafetensorsTensorRef {
  /** The file holding it. */
  file: string;
  /** Its name in the header. */
  name: string;
  /** safetensors dtype (F32, F16, BF16 or F64). */
  dtype: string;
  /** Shape as stored. */
  shape: number[];
  /** Absolute byte offset of its data in the file. */
  offset: number;
  /** Length of its data in bytes. */
  bytes: number;
}

function readAt(fd: number, length: number, position: number): Uint8Array {
  const out = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, out, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return out.subarray(0, done);
}

/**
 * Reads only the header of a safetensors file (checkpoints can be gigabytes) and locates every
 * tensor, so a truncated or corrupt file fails here before any tensor is read.
 */
export function readSafetensorsIndex(path: string): { tensors: Map<string, SafetensorsTensorRef>; metadata: Record<string, string> } {
  if (!existsSync(path)) throw new EvalkitError(ERROR_CODES.FILE_NOT_FOUND, 'no such safetensors file', { file: path });
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = readAt(fd, 8, 0);
    if (head.length < 8) throw formatError(path, 'not a safetensors file: shorter than its 8-byte header length', 'header');
    const length = Number(new DataView(head.buffer, head.byteOffset, 8).getBigUint64(0, true));
    if (length > size - 8) throw formatError(path, `truncated safetensors header: it says ${length} bytes, the file has ${size - 8}`, 'header', length);
    const prefix = new Uint8Array(8 + length);
    prefix.set(head, 0);
    prefix.set(readAt(fd, length, 8), 8);
    const { tensors, metadata, dataStart } = parseSafetensorsHeader(prefix, path);
    const refs = new Map<string, SafetensorsTensorRef>();
    for (const [name, entry] of Object.entries(tensors)) {
      checkSafetensorsEntry(name, entry, path, size - dataStart);
      const [begin, end] = entry.data_offsets;
      refs.set(name, { file: path, name, dtype: entry.dtype, shape: entry.shape.slice(), offset: dataStart + begin, bytes: end - begin });
    }
    return { tensors: refs, metadata };
  } finally {
    closeSync(fd);
  }
}

/** Reads one located tensor as float32 (F16 and BF16 widened exactly, F64 rounded). */
export function readSafetensorsTensor(ref: SafetensorsTensorRef): Float32Array {
  const fd = openSync(ref.file, 'r');
  try {
    const bytes = readAt(fd, ref.bytes, ref.offset);
    if (bytes.length < ref.bytes) throw formatError(ref.file, `truncated data: tensor "${ref.name}" needs ${ref.bytes} bytes at ${ref.offset}, the file has ${bytes.length}`, `${ref.name}.data_offsets`);
    const width = ref.dtype === 'F64' ? 8 : ref.dtype === 'F32' ? 4 : 2;
    return decodeSafetensorsData(bytes, ref.dtype, ref.bytes / width);
  } finally {
    closeSync(fd);
  }
}
