import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import { readTensorFile, writeNpyFile } from '@evalkit/media-io';
import type { Latent } from '../latents/latent';

/** Array names taken by default when a .npz or safetensors file holds several. */
const LATENT_KEYS = ['latents', 'z', 'latent'];

/**
 * Reads latents from .npy, .npz (optionally FILE.npz:KEY) or .safetensors (FILE.safetensors:KEY),
 * converted to float32 C order; a file of several arrays gives the one named latents, z or latent.
 * Errors name the file, the field and the value.
 */
export function readLatents(spec: string): Latent {
  return readTensorFile(spec, { noun: 'latent', preferredKeys: LATENT_KEYS, alternatives: '(or "random")' });
}

/**
 * Refuses latents holding NaN or Infinity (they decoded to garbage without a word), naming the
 * file and the first position as [n, c, t, y, x]; with `allow` they are kept and counted.
 */
export function countNonFiniteLatents(latent: Latent, source: string, allow = false): number {
  const { data, shape } = latent;
  let count = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v - v === 0) continue; // finite; NaN - NaN and Inf - Inf are NaN
    if (!allow) {
      const position: number[] = [];
      let rest = i;
      for (let d = shape.length - 1; d >= 0; d--) {
        position.unshift(rest % shape[d]);
        rest = Math.floor(rest / shape[d]);
      }
      throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `non-finite latent ${String(v)} at [n, c, t, y, x] = [${position.join(', ')}] (pass --allow-nonfinite to decode it anyway)`, {
        file: source,
        field: `[${position.join(', ')}]`,
        value: String(v),
      });
    }
    count++;
  }
  return count;
}

/** Writes a latent as a float32 .npy file, atomically. */
export function writeLatentsNpy(path: string, latent: Latent): void {
  writeNpyFile(path, latent);
}
