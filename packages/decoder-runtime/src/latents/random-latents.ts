import { mulberry32 } from '@evalkit/core';
import type { Latent } from './latent';
import { shapeSize } from './latent';

/** Seeded standard-normal latents (Box-Muller), as a diffusion model's sampler would start from. */
export function randomLatents(shape: readonly number[], seed: number, std = 1): Latent {
  const rand = mulberry32(seed);
  const data = new Float32Array(shapeSize(shape));
  for (let i = 0; i < data.length; i += 2) {
    // 1 - u keeps the logarithm's argument in (0, 1].
    const r = Math.sqrt(-2 * Math.log(1 - rand())) * std;
    const theta = 2 * Math.PI * rand();
    data[i] = r * Math.cos(theta);
    if (i + 1 < data.length) data[i + 1] = r * Math.sin(theta);
  }
  return { data, shape: shape.slice() };
}
