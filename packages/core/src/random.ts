// Bound once: a global lookup per draw is slow inside jest's sandboxed realm, where bootstraps draw millions.
const imul = Math.imul;

/**
 * mulberry32: a small, fast, seedable 32-bit PRNG returning uniform floats in [0, 1). Every
 * package that draws seeded weights or inputs uses this one generator, so the same seed gives the
 * same stream in the zoo, the kernel benchmarks and the runtime, on every device.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
