import { readFileSync } from 'node:fs';
import { ERROR_CODES, EvalkitError, writeFileAtomic } from '@evalkit/core';
import type { Frames8 } from '../frames/quantize';
import { rgbToYcbcrPlanes, ycbcrPlanesToRgb, type ChromaLayout } from '../frames/ycbcr';

/** Options of a Y4M file. */
export interface Y4mOptions {
  /** Chroma layout: "444" (default; no subsampling) or "420" (C420jpeg). */
  chroma?: ChromaLayout;
  /** Frame rate as "num:den". Default "24:1". */
  fps?: string;
}

/** Encodes 8-bit RGB frames as a YUV4MPEG2 stream (BT.601 full range, tagged XCOLORRANGE=FULL). */
export function encodeY4m(input: Frames8, options: Y4mOptions = {}): Uint8Array {
  const chroma = options.chroma ?? '444';
  const [num, den] = (options.fps ?? '24:1').split(':');
  const header = `YUV4MPEG2 W${input.width} H${input.height} F${num}:${den} Ip A1:1 ${chroma === '444' ? 'C444' : 'C420jpeg'} XCOLORRANGE=FULL\n`;
  const parts: Uint8Array[] = [Buffer.from(header, 'latin1')];
  for (const frame of input.frames) {
    parts.push(Buffer.from('FRAME\n', 'latin1'), ...rgbToYcbcrPlanes(frame, input.height, input.width, chroma));
  }
  return Buffer.concat(parts);
}

/** Writes frames as a Y4M file, atomically. */
export function writeY4m(path: string, input: Frames8, options: Y4mOptions = {}): void {
  writeFileAtomic(path, encodeY4m(input, options));
}

/** Reads a Y4M file (C444, C420jpeg/C420/C420mpeg2/C420paldv, 8-bit) as RGB frames, assuming BT.601 full range. */
export function readY4m(path: string): Frames8 {
  const bytes = readFileSync(path);
  const end = bytes.indexOf(0x0a);
  const header = bytes.subarray(0, end < 0 ? Math.min(bytes.length, 80) : end).toString('latin1');
  if (!header.startsWith('YUV4MPEG2 ')) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'not a YUV4MPEG2 file', { file: path, field: 'header', value: header.slice(0, 20) });
  const tags = Object.fromEntries(header.split(' ').slice(1).map((t) => [t[0], t.slice(1)]));
  const width = Number(tags.W);
  const height = Number(tags.H);
  const c = tags.C ?? '420jpeg';
  if (!(width > 0 && height > 0)) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'Y4M header lacks width or height', { file: path, field: 'header', value: header });
  let chroma: ChromaLayout;
  if (c === '444') chroma = '444';
  else if (/^420(jpeg|mpeg2|paldv)?$/.test(c)) chroma = '420';
  else throw new EvalkitError(ERROR_CODES.UNSUPPORTED, 'unsupported Y4M colour space (C444 and 8-bit C420 are read)', { file: path, field: 'C', value: c });
  const cSize = chroma === '444' ? width * height : Math.ceil(width / 2) * Math.ceil(height / 2);
  const frames: Uint8Array[] = [];
  let p = end + 1;
  while (p < bytes.length) {
    const lineEnd = bytes.indexOf(0x0a, p);
    if (lineEnd < 0 || !bytes.subarray(p, lineEnd).toString('latin1').startsWith('FRAME')) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `malformed Y4M frame header at byte ${p}`, { file: path, field: `frame ${frames.length}` });
    p = lineEnd + 1;
    if (p + width * height + 2 * cSize > bytes.length) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `truncated data in frame ${frames.length}`, { file: path, field: `frame ${frames.length}` });
    const y = bytes.subarray(p, p + width * height);
    const cb = bytes.subarray(p + width * height, p + width * height + cSize);
    const cr = bytes.subarray(p + width * height + cSize, p + width * height + 2 * cSize);
    frames.push(ycbcrPlanesToRgb(y, cb, cr, height, width, chroma));
    p += width * height + 2 * cSize;
  }
  return { frames, height, width };
}
