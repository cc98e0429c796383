import type { Latent } from './latent';
import { shapeSize } from './latent';

/** mulberry32: a small, fast, seedable 32-bit PRNG; the same seed gives the same stream everywhere. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
