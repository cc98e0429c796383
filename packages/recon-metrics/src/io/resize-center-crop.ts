import sharp from 'sharp';
import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import type { Frame } from '../frame';

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
