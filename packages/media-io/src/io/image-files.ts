import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { ERROR_CODES, EvalkitError, writeFileAtomic } from '@evalkit/core';
import type { Frames8, Image8 } from '../frames';
import { y4mToFrames8 } from '../y4m';
import { readY4mFile } from './y4m-files';

/** File extensions read as images (lower case), decoded by sharp. */
export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.webp', '.tif', '.tiff'] as const;

/** Whether `path` names an image evalkit reads. */
export function isImagePath(path: string): boolean {
  const lower = path.toLowerCase();
  return IMAGE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** Natural name order (frame_2 before frame_10), the order of a frame folder. */
export const naturalOrder = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

/** How an image's channels come out: as stored (grey stays one channel) or always RGB. */
export type ImageChannels = 'keep' | 'rgb';

/**
 * Decodes a PNG, JPEG, WebP or TIFF through sharp into an interleaved 8-bit image, alpha dropped.
 * 'keep' (metrics): grey stays one channel (sharp would otherwise expand it) and other bit depths
 * than 8 are refused; 'rgb' (clips for the codec): always 8-bit sRGB.
 */
export async function readImage(path: string, channels: ImageChannels = 'keep'): Promise<Image8> {
  if (!existsSync(path)) throw new EvalkitError(ERROR_CODES.FILE_NOT_FOUND, 'no such file', { file: path });
  try {
    if (channels === 'rgb') {
      // One decode, no separate header read: a clip of many frames is read this way (sharp
      // converts grey and 16-bit sources to 8-bit sRGB).
      const { data, info } = await sharp(path).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
      return { width: info.width, height: info.height, channels: info.channels, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
    }
    const image = sharp(path, { failOn: 'error' });
    const meta = await image.metadata();
    if (meta.depth !== undefined && meta.depth !== 'uchar') {
      throw new EvalkitError(ERROR_CODES.UNSUPPORTED, 'only 8-bit images are supported', { file: path, field: 'depth', value: meta.depth });
    }
    const grey = meta.channels === 1 || meta.channels === 2;
    let pipeline = image.removeAlpha();
    if (grey) pipeline = pipeline.toColourspace('b-w');
    const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, channels: info.channels, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  } catch (error) {
    if (error instanceof EvalkitError) throw error;
    throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `cannot decode image: ${(error as Error).message}`, { file: path }, { cause: error });
  }
}

/** The image files of a frame folder in natural name order (hidden files skipped), as full paths. */
export function listFrameFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => !n.startsWith('.') && isImagePath(n))
    .sort(naturalOrder)
    .map((n) => join(dir, n));
}

/** Reads a folder of image frames (natural name order, all one size) as 8-bit RGB. */
export async function readFrameFolder(dir: string): Promise<Frames8> {
  const files = listFrameFiles(dir);
  if (files.length === 0) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'the folder holds no PNG/JPEG/WebP/TIFF frames', { file: dir });
  const frames: Uint8Array[] = [];
  let height = 0;
  let width = 0;
  for (const file of files) {
    const image = await readImage(file, 'rgb');
    if (frames.length === 0) {
      height = image.height;
      width = image.width;
    } else if (image.height !== height || image.width !== width) {
      throw new EvalkitError(ERROR_CODES.MISMATCH, `frame size ${image.height}x${image.width} differs from the first frame's ${height}x${width}`, { file, field: 'size', value: `${image.height}x${image.width}` });
    }
    frames.push(image.data);
  }
  return { frames, height, width };
}

/**
 * Reads a clip as 8-bit RGB: a folder of image frames or a .y4m file (converted by the colour-range
 * rule: full range when tagged XCOLORRANGE=FULL, limited otherwise).
 */
export async function readRgbClip(path: string): Promise<Frames8> {
  if (!existsSync(path)) throw new EvalkitError(ERROR_CODES.FILE_NOT_FOUND, 'no such clip (a folder of PNG frames or a .y4m file)', { file: path });
  if (statSync(path).isDirectory()) return readFrameFolder(path);
  if (path.toLowerCase().endsWith('.y4m')) return y4mToFrames8(readY4mFile(path));
  throw new EvalkitError(ERROR_CODES.UNSUPPORTED, 'a clip is a folder of image frames or a .y4m file', { file: path });
}

/** Writes RGB frames as dir/frame_0000.png, ... (each file atomically); returns the paths. */
export async function writePngFrames(dir: string, input: Frames8, prefix = 'frame_'): Promise<string[]> {
  const paths: string[] = [];
  for (let i = 0; i < input.frames.length; i++) {
    const frame = input.frames[i];
    const png = await sharp(Buffer.from(frame.buffer, frame.byteOffset, frame.length), { raw: { width: input.width, height: input.height, channels: 3 } })
      .png()
      .toBuffer();
    const path = join(dir, `${prefix}${String(i).padStart(4, '0')}.png`);
    writeFileAtomic(path, png);
    paths.push(path);
  }
  return paths;
}
