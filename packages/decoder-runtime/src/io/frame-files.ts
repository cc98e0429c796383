import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { ERROR_CODES, EvalkitError, writeFileAtomic } from '@evalkit/core';
import type { Frames8 } from '../frames/quantize';
import { readY4m } from './y4m-file';

const IMAGE = /\.(png|jpe?g|webp|tiff?)$/i;

/**
 * Reads a clip: a folder of images (sorted by name; all one size) or a .y4m file, as 8-bit RGB.
 * Alpha is dropped; grey images become RGB.
 */
export async function readClip(path: string): Promise<Frames8> {
  if (!existsSync(path)) throw new EvalkitError(ERROR_CODES.FILE_NOT_FOUND, 'no such clip (a folder of PNG frames or a .y4m file)', { file: path });
  if (!statSync(path).isDirectory()) {
    if (path.toLowerCase().endsWith('.y4m')) return readY4m(path);
    throw new EvalkitError(ERROR_CODES.UNSUPPORTED, 'a clip is a folder of image frames or a .y4m file', { file: path });
  }
  const names = readdirSync(path).filter((n) => IMAGE.test(n)).sort();
  if (names.length === 0) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'the folder holds no PNG/JPEG/WebP/TIFF frames', { file: path });
  const frames: Uint8Array[] = [];
  let height = 0;
  let width = 0;
  for (const name of names) {
    const file = join(path, name);
    let raw: { data: Buffer; info: sharp.OutputInfo };
    try {
      raw = await sharp(file).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    } catch (error) {
      throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `cannot decode image: ${(error as Error).message}`, { file });
    }
    if (frames.length === 0) {
      height = raw.info.height;
      width = raw.info.width;
    } else if (raw.info.height !== height || raw.info.width !== width) {
      throw new EvalkitError(ERROR_CODES.MISMATCH, `frame size ${raw.info.height}x${raw.info.width} differs from the first frame's ${height}x${width}`, { file, field: 'size', value: `${raw.info.height}x${raw.info.width}` });
    }
    frames.push(new Uint8Array(raw.data.buffer, raw.data.byteOffset, raw.data.length));
  }
  return { frames, height, width };
}

/** Writes frames as dir/frame_0000.png, ... (each file atomically); returns the paths. */
export async function writePngSequence(dir: string, input: Frames8, prefix = 'frame_'): Promise<string[]> {
  const paths: string[] = [];
  for (let i = 0; i < input.frames.length; i++) {
    const png = await sharp(Buffer.from(input.frames[i].buffer, input.frames[i].byteOffset, input.frames[i].length), { raw: { width: input.width, height: input.height, channels: 3 } })
      .png()
      .toBuffer();
    const path = join(dir, `${prefix}${String(i).padStart(4, '0')}.png`);
    writeFileAtomic(path, png);
    paths.push(path);
  }
  return paths;
}
