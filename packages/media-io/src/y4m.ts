// YUV4MPEG2 (Y4M): a text header line, then "FRAME" lines each followed by the raw Y, Cb, Cr planes.
//
// The colour-range rule, the same for every reader and writer in evalkit: a file tagged
// XCOLORRANGE=FULL holds full-range BT.601 Y'CbCr (0–255); an untagged file (or XCOLORRANGE=LIMITED)
// holds limited range (Y 16–235, Cb/Cr 16–240), as ffmpeg reads it. evalkit writes full range and
// always says so with the tag, so what `evalkit decode` writes reads back the same everywhere.
import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import type { Frames8, Image8 } from './frames';
import { rgbToYcbcrPlanes, yuvToRgb, type ChromaLayout, type ColourRange, type YuvFrame } from './ycbcr';

/** A parsed YUV4MPEG2 file: 8-bit 4:2:0 or 4:4:4, frames decoded on demand. */
export interface Y4mVideo {
  path: string;
  width: number;
  height: number;
  layout: ChromaLayout;
  /** From the header: 'full' only when tagged XCOLORRANGE=FULL. */
  range: ColourRange;
  frameCount: number;
  /** The planar YUV samples of frame `index`. */
  yuv(index: number): YuvFrame;
  /** Frame `index` as 8-bit RGB (BT.601 in the file's range, chroma replicated; see yuvToRgb). */
  rgb(index: number): Image8;
}

const CHROMA_TAGS: Record<string, ChromaLayout> = { '420jpeg': '420', '420paldv': '420', '420mpeg2': '420', '420': '420', '444': '444' };

/** Parses a Y4M file held in memory; `path` names it in errors. */
export function parseY4m(bytes: Uint8Array, path: string): Y4mVideo {
  const fail = (problem: string, field?: string, value?: unknown): never => {
    throw new EvalkitError(ERROR_CODES.INVALID_INPUT, problem, field === undefined ? { file: path } : { file: path, field, value });
  };
  const headerEnd = bytes.indexOf(0x0a);
  const header = Buffer.from(bytes.subarray(0, headerEnd < 0 ? Math.min(bytes.length, 200) : headerEnd)).toString('latin1');
  if (headerEnd < 0 || !header.startsWith('YUV4MPEG2 ')) fail('not a YUV4MPEG2 file (no "YUV4MPEG2 " header line)', 'header', header.slice(0, 20));
  let width = 0;
  let height = 0;
  let chroma = '420jpeg';
  let range: ColourRange = 'limited';
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

/** All frames of a Y4M file as 8-bit RGB. */
export function y4mToFrames8(video: Y4mVideo): Frames8 {
  const frames: Uint8Array[] = [];
  for (let i = 0; i < video.frameCount; i++) frames.push(video.rgb(i).data);
  return { frames, height: video.height, width: video.width };
}

/** Serialises planar 8-bit YUV frames as Y4M, tagged XCOLORRANGE=FULL when their range is full. */
export function encodeY4m(frames: readonly YuvFrame[], frameRate = '24:1'): Uint8Array {
  if (frames.length === 0) throw new RangeError('encodeY4m needs at least one frame');
  // Validated before anything is written: "abc" once became the header tag "Fabc:undefined".
  if (!/^[1-9]\d{0,9}:[1-9]\d{0,9}$/.test(frameRate)) {
    throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'a Y4M frame rate is two positive integers NUM:DEN, such as 24:1 or 30000:1001', { field: 'fps', value: frameRate });
  }
  const f0 = frames[0];
  const tag = f0.layout === '420' ? 'C420jpeg' : 'C444';
  const parts: Uint8Array[] = [Buffer.from(`YUV4MPEG2 W${f0.width} H${f0.height} F${frameRate} Ip A1:1 ${tag}${f0.range === 'full' ? ' XCOLORRANGE=FULL' : ''}\n`, 'latin1')];
  for (const f of frames) parts.push(Buffer.from('FRAME\n', 'latin1'), f.y, f.u, f.v);
  return Buffer.concat(parts);
}

/** Options of an RGB clip written as Y4M. */
export interface Y4mOptions {
  /** Chroma layout: "444" (default; no subsampling) or "420" (C420jpeg, 2×2 mean). */
  chroma?: ChromaLayout;
  /** Frame rate as "num:den". Default "24:1". */
  fps?: string;
}

/** Encodes 8-bit RGB frames as Y4M: BT.601 full range, tagged XCOLORRANGE=FULL (see the rule above). */
export function encodeRgbY4m(input: Frames8, options: Y4mOptions = {}): Uint8Array {
  const chroma = options.chroma ?? '444';
  const planes = input.frames.map((frame): YuvFrame => {
    const [y, u, v] = rgbToYcbcrPlanes(frame, input.height, input.width, chroma);
    return { width: input.width, height: input.height, layout: chroma, range: 'full', y, u, v };
  });
  return encodeY4m(planes, options.fps ?? '24:1');
}
