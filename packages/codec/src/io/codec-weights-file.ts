import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ERROR_CODES, EvalkitError, writeFileAtomic } from '@evalkit/core';
import { encodeSafetensors, parseSafetensors, parseSafetensorsHeader } from '@evalkit/media-io';
import { CODEC_SPEC, type CodecWeights } from '../codec-spec';

/** Where the fitted codec ships inside the package (about 52 KB of float32). */
export const DEFAULT_CODEC_WEIGHTS = resolve(__dirname, '../../assets/block-pca-16.safetensors');

/** Reads codec weights (basis 768×16, scale 16, mean 768) from a safetensors file. */
export function readCodecWeights(path = DEFAULT_CODEC_WEIGHTS): CodecWeights & { metadata: Record<string, string> } {
  const bytes = new Uint8Array(readFileSync(path));
  const get = (key: string, shape: number[]) => {
    const t = parseSafetensors(bytes, path, key);
    if (t.shape.join('x') !== shape.join('x')) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `codec tensor must be ${shape.join('x')}`, { file: path, field: key, value: t.shape.join('x') });
    return t.data;
  };
  const { D, K } = { D: CODEC_SPEC.blockSize, K: CODEC_SPEC.latentChannels };
  return { basis: get('basis', [D, K]), scale: get('scale', [K]), mean: get('mean', [D]), metadata: parseSafetensorsHeader(bytes, path).metadata };
}

/** Writes codec weights as safetensors, atomically. */
export function writeCodecWeights(path: string, weights: CodecWeights, metadata: Record<string, string> = {}): void {
  const { blockSize: D, latentChannels: K } = CODEC_SPEC;
  writeFileAtomic(
    path,
    encodeSafetensors({ basis: { data: weights.basis, shape: [D, K] }, scale: { data: weights.scale, shape: [K] }, mean: { data: weights.mean, shape: [D] } }, metadata),
  );
}
