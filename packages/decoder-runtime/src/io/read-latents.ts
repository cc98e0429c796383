import { existsSync, readFileSync, statSync } from 'node:fs';
import { ERROR_CODES, EvalkitError, writeFileAtomic } from '@evalkit/core';
import type { Latent } from '../latents/latent';
import { encodeNpy, parseNpy } from './npy-format';
import { parseNpz } from './npz-format';
import { parseSafetensors } from './safetensors-format';

/** The latent file formats readLatents understands, by extension. */
export const LATENT_FORMATS = ['.npy', '.npz', '.safetensors'] as const;

/**
 * Splits "file.npz:key" into path and key; a colon only counts after a known extension, so
 * Windows drive letters and plain paths are left alone.
 */
export function splitLatentSpec(spec: string): { path: string; key?: string } {
  const m = /^(.*\.(?:npz|safetensors)):([^:/\\]+)$/i.exec(spec);
  return m ? { path: m[1], key: m[2] } : { path: spec };
}

/**
 * Reads latents from .npy, .npz (optionally FILE.npz:KEY) or .safetensors (FILE.safetensors:KEY),
 * converted to float32 C order. Errors name the file, the field and the value.
 */
export function readLatents(spec: string): Latent {
  const { path, key } = splitLatentSpec(spec);
  if (!existsSync(path)) throw new EvalkitError(ERROR_CODES.FILE_NOT_FOUND, 'no such latent file', { file: path });
  if (statSync(path).isDirectory()) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'expected a latent file, got a directory', { file: path });
  const bytes = new Uint8Array(readFileSync(path));
  const lower = path.toLowerCase();
  if (lower.endsWith('.npy')) return parseNpy(bytes, path);
  if (lower.endsWith('.npz')) return parseNpz(bytes, path, key);
  if (lower.endsWith('.safetensors')) return parseSafetensors(bytes, path, key);
  throw new EvalkitError(ERROR_CODES.UNSUPPORTED, `unknown latent file type; use one of ${LATENT_FORMATS.join(', ')} (or "random")`, { file: path });
}

/** Writes a latent as a float32 .npy file, atomically. */
export function writeLatentsNpy(path: string, latent: Latent): void {
  writeFileAtomic(path, encodeNpy(latent));
}
