import { readFileSync } from 'node:fs';
import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import type { Frame } from '../frame';
import { yuvToRgb, type ChromaLayout, type YuvFrame } from '../yuv-to-rgb';

/** A parsed YUV4MPEG2 file: 8-bit 4:2:0 or 4:4:4, frames decoded on demand. */
export interface Y4mVideo {
  path: string;
  width: number;
  height: number;
  layout: ChromaLayout;
  range: 'limited' | 'full';
  frameCount: number;
  /** The planar YUV samples of frame `index`. */
  yuv(index: number): YuvFrame;
  /** Frame `index` as 8-bit RGB (BT.601, chroma replicated; see yuvToRgb). */
  rgb(index: number): Frame;
}

const CHROMA_TAGS: Record<string, ChromaLayout> = { '420jpeg': '420', '420paldv': '420', '420mpeg2': '420', '420': '420', '444': '444' };

/** Parses a Y4M file held in memory; `path` names it in errors. */
export function parseY4m(bytes: Uint8Array, path: string): Y4mVideo {
  const fail = (problem: string, field?: string, value?: unknown): never => {
    throw new EvalkitError(ERROR_CODES.INVALID_INPUT, problem, field === undefined ? { file: path } : { file: path, field, value });
  };
  const headerEnd = bytes.indexOf(0x0a);
  const header = Buffer.from(bytes.subarray(0, headerEnd < 0 ? Math.min(bytes.length, 200) : headerEnd)).toString('latin1');
  if (headerEnd < 0 || !header.startsWith('YUV4MPEG2 ')) fail('not a Y4M file (no "YUV4MPEG2 " header line)', 'header', header.slice(0, 20));
  let width = 0;
  let height = 0;
  let chroma = '420jpeg';
  let range: 'limited' | 'full' = 'limited';
  for (const token of header.split(' ').slice(1)) {
    if (token.length === 0) continue;
    const key = token[0];
    const value = token.slice(1);
    if (key === 'W') width = Number(value);
    else if (key === 'H') height = Number(value);
    else if (key === 'C') chroma = value;
    else if (key === 'X' && value.toUpperCase() === 'COLORRANGE=FULL') range = 'full';
  }
  if (!Number.isInteger(width) || width <= 0) fail('invalid frame width', 'W', width);
  if (!Number.isInteger(height) || height <= 0) fail('invalid frame height', 'H', height);
  const layout = CHROMA_TAGS[chroma];
  if (!layout) {
    throw new EvalkitError(ERROR_CODES.UNSUPPORTED, 'unsupported Y4M colour space: only 8-bit 4:2:0 (C420, C420jpeg, C420paldv, C420mpeg2) and 4:4:4 (C444)', {
      file: path,
      field: 'C',
      value: chroma,
    });
  }
  const cw = layout === '420' ? Math.ceil(width / 2) : width;
  const ch = layout === '420' ? Math.ceil(height / 2) : height;
  const lumaSize = width * height;
  const chromaSize = cw * ch;
  const frameBytes = lumaSize + 2 * chromaSize;
  const offsets: number[] = [];
  let pos = headerEnd + 1;
  while (pos < bytes.length) {
    const lineEnd = bytes.indexOf(0x0a, pos);
    const tag = Buffer.from(bytes.subarray(pos, Math.min(pos + 5, bytes.length))).toString('latin1');
    if (tag !== 'FRAME' || lineEnd < 0) fail(`frame ${offsets.length}: expected a FRAME header at byte ${pos}`, `frame[${offsets.length}]`, tag);
    const start = lineEnd + 1;
    if (start + frameBytes > bytes.length) {
      fail(`frame ${offsets.length} is truncated: needs ${frameBytes} bytes, ${bytes.length - start} left`, `frame[${offsets.length}]`, bytes.length - start);
    }
    offsets.push(start);
    pos = start + frameBytes;
  }
  const yuv = (index: number): YuvFrame => {
    if (index < 0 || index >= offsets.length) throw new RangeError(`frame ${index} out of range (${offsets.length} frames in ${path})`);
    const o = offsets[index];
    return {
      width,
      height,
      layout,
      range,
      y: bytes.subarray(o, o + lumaSize),
      u: bytes.subarray(o + lumaSize, o + lumaSize + chromaSize),
      v: bytes.subarray(o + lumaSize + chromaSize, o + frameBytes),
    };
  };
  return {
    path,
    width,
    height,
    layout,
    range,
    frameCount: offsets.length,
    yuv,
    rgb: (index) => ({ width, height, channels: 3, data: yuvToRgb(yuv(index)) }),
  };
}

/** Reads and parses a Y4M file. */
export function readY4m(path: string): Y4mVideo {
  return parseY4m(readFileSync(path), path);
}

/** Serialises planar 8-bit YUV frames as a Y4M file (for tests and fixtures). */
export function encodeY4m(frames: readonly YuvFrame[], frameRate = '25:1'): Uint8Array {
  if (frames.length === 0) throw new RangeError('encodeY4m needs at least one frame');
  const f0 = frames[0];
  const tag = f0.layout === '420' ? 'C420jpeg' : 'C444';
  const parts: Uint8Array[] = [Buffer.from(`YUV4MPEG2 W${f0.width} H${f0.height} F${frameRate} Ip A1:1 ${tag}${f0.range === 'full' ? ' XCOLORRANGE=FULL' : ''}\n`, 'latin1')];
  for (const f of frames) parts.push(Buffer.from('FRAME\n', 'latin1'), f.y, f.u, f.v);
  return Buffer.concat(parts);
}
