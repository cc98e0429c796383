import sharp from 'sharp';
import { existsSync } from 'node:fs';
import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import type { Frame } from '../frame';

/** File extensions read as images (lower case). */
export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.webp'] as const;

/** Whether `path` names an image evalkit reads. */
export function isImagePath(path: string): boolean {
  const lower = path.toLowerCase();
  return IMAGE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/**
 * Decodes an 8-bit PNG, JPEG or WebP through sharp into an interleaved frame: grey images stay one
 * channel (sharp would otherwise expand them to RGB), alpha is dropped.
 */
export async function readImageFrame(path: string): Promise<Frame> {
  if (!existsSync(path)) throw new EvalkitError(ERROR_CODES.FILE_NOT_FOUND, 'no such file', { file: path });
  try {
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

/** Resizes the shorter side to `size` and centre-crops to size x size (libvips linear kernel); 8-bit frames only. */
export async function resizeCenterCrop(frame: Frame, size: number, label: string): Promise<Frame> {
  if (!(frame.data instanceof Uint8Array)) {
    throw new EvalkitError(ERROR_CODES.UNSUPPORTED, 'the resize-and-crop preset needs 8-bit frames (uint8 .npy, images or Y4M)', {
      file: label,
      field: 'dtype',
      value: frame.data.constructor.name,
    });
  }
  let pipeline = sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: frame.channels as 1 | 3 } }).resize({
    width: size,
    height: size,
    fit: 'cover',
    position: 'centre',
    kernel: 'linear',
  });
  if (frame.channels === 1) pipeline = pipeline.toColourspace('b-w');
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: info.channels, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}
