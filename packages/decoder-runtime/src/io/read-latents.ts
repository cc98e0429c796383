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

/** Writes a latent as a float32 .npy file, atomically. */
export function writeLatentsNpy(path: string, latent: Latent): void {
  writeNpyFile(path, latent);
}
