import { existsSync, readFileSync } from 'node:fs';
import { ERROR_CODES, EvalkitError, writeFileAtomic } from '@evalkit/core';
import type { Frames8 } from '../frames';
import { encodeRgbY4m, parseY4m, type Y4mOptions, type Y4mVideo } from '../y4m';

/** Reads and parses a Y4M file (frames are converted to RGB on demand, by the colour-range rule in y4m.ts). */
export function readY4mFile(path: string): Y4mVideo {
  if (!existsSync(path)) throw new EvalkitError(ERROR_CODES.FILE_NOT_FOUND, 'no such file', { file: path });
  return parseY4m(new Uint8Array(readFileSync(path)), path);
}

/** Writes 8-bit RGB frames as a full-range Y4M file tagged XCOLORRANGE=FULL, atomically. */
export function writeY4mFile(path: string, input: Frames8, options: Y4mOptions = {}): void {
  writeFileAtomic(path, encodeRgbY4m(input, options));
}
