import { inflateRawSync, crc32 } from 'node:zlib';
import { formatError as invalid } from './format-error';
import { parseNpy, type NpyArray } from './npy';

/** One member of a zip archive, located but not yet decompressed. */
interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** Reads the central directory of a zip buffer (zip64 sizes included, as numpy writes for large arrays). */
function readZipEntries(bytes: Uint8Array, source: string): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record sits in the last 22 + 65535 bytes (it may carry a comment).
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw invalid(source, 'not a .npz (zip) archive, or a truncated one: no end-of-central-directory record', 'zip');
  let count = view.getUint16(eocd + 10, true);
  let cdOffset = view.getUint32(eocd + 16, true);
  if (cdOffset === 0xffffffff || count === 0xffff) {
    const locator = eocd - 20;
    if (locator < 0 || view.getUint32(locator, true) !== 0x07064b50) throw invalid(source, 'zip64 archive without its locator record', 'zip');
    const z64 = Number(view.getBigUint64(locator + 8, true));
    if (z64 + 56 > bytes.length || view.getUint32(z64, true) !== 0x06064b50) throw invalid(source, 'zip64 end-of-central-directory record missing', 'zip');
    count = Number(view.getBigUint64(z64 + 32, true));
    cdOffset = Number(view.getBigUint64(z64 + 48, true));
  }
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) throw invalid(source, `malformed zip central directory at entry ${k}`, 'zip', p);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    if (p + 46 + nameLength + extraLength + commentLength > bytes.length) throw invalid(source, `malformed zip central directory at entry ${k}: its name and fields run past the end`, 'zip', p);
    const entry: ZipEntry = {
      method: view.getUint16(p + 10, true),
      crc: view.getUint32(p + 16, true),
      compressedSize: view.getUint32(p + 20, true),
      uncompressedSize: view.getUint32(p + 24, true),
      localHeaderOffset: view.getUint32(p + 42, true),
      name: Buffer.from(bytes.buffer, bytes.byteOffset + p + 46, nameLength).toString('utf8'),
    };
    // zip64 extra field: the 64-bit values appear only for the fields that were saturated.
    let q = p + 46 + nameLength;
    const extraEnd = q + extraLength;
    while (q + 4 <= extraEnd) {
      const id = view.getUint16(q, true);
      const size = view.getUint16(q + 2, true);
      if (id === 0x0001) {
        let r = q + 4;
        const fieldEnd = Math.min(extraEnd, q + 4 + size);
        const need = (entry.uncompressedSize === 0xffffffff ? 8 : 0) + (entry.compressedSize === 0xffffffff ? 8 : 0) + (entry.localHeaderOffset === 0xffffffff ? 8 : 0);
        if (r + need > fieldEnd) throw invalid(source, `malformed zip64 field of member "${entry.name}"`, 'zip', q);
        if (entry.uncompressedSize === 0xffffffff) {
          entry.uncompressedSize = Number(view.getBigUint64(r, true));
          r += 8;
        }
        if (entry.compressedSize === 0xffffffff) {
          entry.compressedSize = Number(view.getBigUint64(r, true));
          r += 8;
        }
        if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = Number(view.getBigUint64(r, true));
      }
      q += 4 + size;
    }
    entries.push(entry);
    p = extraEnd + commentLength;
  }
  return entries;
}

/** Decompresses one entry (stored or deflated) and checks its CRC-32. */
function extract(bytes: Uint8Array, entry: ZipEntry, source: string): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const h = entry.localHeaderOffset;
  if (h + 30 > bytes.length || view.getUint32(h, true) !== 0x04034b50) throw invalid(source, `malformed local header of member "${entry.name}"`, entry.name);
  const start = h + 30 + view.getUint16(h + 26, true) + view.getUint16(h + 28, true);
  if (start + entry.compressedSize > bytes.length) {
    throw invalid(source, `truncated data: member "${entry.name}" needs ${entry.compressedSize} bytes, the archive has ${Math.max(0, bytes.length - start)}`, entry.name);
  }
  const raw = bytes.subarray(start, start + entry.compressedSize);
  let data: Uint8Array;
  if (entry.method === 0) data = raw;
  else if (entry.method === 8) {
    // Deflate expands at most ~1032:1; a larger claim is a zip bomb or a corrupt directory.
    if (entry.uncompressedSize > 1032 * entry.compressedSize + 64) throw invalid(source, `member "${entry.name}" claims ${entry.uncompressedSize} bytes from ${entry.compressedSize} compressed`, entry.name);
    try {
      data = inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    } catch (error) {
      throw invalid(source, `member "${entry.name}" does not inflate: ${(error as Error).message}`, entry.name);
    }
  } else throw invalid(source, `member "${entry.name}" uses zip compression method ${entry.method}; only stored (0) and deflate (8) are supported`, entry.name, entry.method);
  if (data.length !== entry.uncompressedSize || crc32(data) >>> 0 !== entry.crc >>> 0) {
    throw invalid(source, `member "${entry.name}" is corrupt (size or CRC-32 does not match the zip directory)`, entry.name);
  }
  return data;
}

/** Names of the arrays in a .npz buffer (member names without ".npy"). */
export function npzKeys(bytes: Uint8Array, source: string): string[] {
  return readZipEntries(bytes, source).map((e) => e.name.replace(/\.npy$/, ''));
}

/**
 * Reads one array of a .npz buffer (np.savez or np.savez_compressed). `key` picks the array; without
 * it the archive must hold exactly one array, or one whose name is among `preferredKeys` (the
 * first found in that order).
 */
export function parseNpz(bytes: Uint8Array, source: string, key?: string, preferredKeys: readonly string[] = []): NpyArray {
  const entries = readZipEntries(bytes, source);
  const names = entries.map((e) => e.name.replace(/\.npy$/, ''));
  let index: number;
  if (key !== undefined) {
    index = names.indexOf(key);
    if (index < 0) throw invalid(source, `no array named "${key}" in the archive (it holds: ${names.join(', ') || 'nothing'})`, 'key', key);
  } else if (entries.length === 1) index = 0;
  else {
    index = preferredKeys.map((k) => names.indexOf(k)).find((i) => i >= 0) ?? -1;
    if (index < 0) throw invalid(source, `the archive holds ${names.length} arrays (${names.join(', ') || 'none'}); name one as FILE.npz:KEY`, 'key');
  }
  const entry = entries[index];
  return parseNpy(extract(bytes, entry, source), `${source}:${names[index]}`);
}
