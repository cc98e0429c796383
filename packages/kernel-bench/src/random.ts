import { mulberry32 } from '@evalkit/core';

/** Deterministic uniform generator (core's mulberry32) so every run and every device sees the same tensors. */
export const createRandom: (seed: number) => () => number = mulberry32;

/** A Float32Array of `length` values uniform in [-scale, scale), from `seed`. */
export function randomTensor(length: number, seed: number, scale = 1): Float32Array {
  const next = createRandom(seed);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = (next() * 2 - 1) * scale;
  return out;
}
