import { mulberry32 } from '@evalkit/core';

/**
 * A small seeded pseudo-random generator (mulberry32). Weights only need to be reproducible for a
 * seed, not cryptographic; one 32-bit state keeps the stream identical across machines and runs.
 */
export class SeededRandom {
  private readonly draw: () => number;

  /** Starts a stream from a seed (any finite number; it is reduced to 32 bits). */
  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${String(seed)}`);
    this.draw = mulberry32(Math.trunc(seed));
  }

  /** Next uniform float in [0, 1). */
  next(): number {
    return this.draw();
  }

  /** Fills `out` with uniform values in [-bound, bound). */
  fillUniform(out: Float32Array, bound: number): Float32Array {
    for (let i = 0; i < out.length; i++) out[i] = (this.next() * 2 - 1) * bound;
    return out;
  }
}
