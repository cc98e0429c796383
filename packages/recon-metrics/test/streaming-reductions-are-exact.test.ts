import { mulberry32 } from '@evalkit/core';
import { flickerBetween, metricsKernels, type Frame } from '../src';
import { sumSquaredError } from '../src/psnr';
import { CHUNK_BYTES, flickerSumU8, sumSquaredErrorU8 } from '../src/kernels/streaming-reductions';

/** Seeded uint8 samples; `extreme` mixes in 0 and 255 so the largest differences occur. */
function bytes(n: number, seed: number, extreme = false): Uint8Array {
  const rand = mulberry32(seed);
  return Uint8Array.from({ length: n }, () => (extreme && rand() < 0.3 ? (rand() < 0.5 ? 0 : 255) : Math.floor(rand() * 256)));
}

/** The definitions, summed one sample at a time in float64 (exact: every term is an integer below 2^53). */
const naiveSse = (a: Uint8Array, b: Uint8Array) => a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0);
const naiveFlicker = (a0: Uint8Array, a1: Uint8Array, b0: Uint8Array, b1: Uint8Array) => a1.reduce((s, _v, i) => s + Math.abs(b1[i] - b0[i] - (a1[i] - a0[i])), 0);

describe('the 8-bit streaming reductions (WebAssembly, integer accumulation)', () => {
  const kernels = metricsKernels()!;

  // lengths around the 16-byte vector, the 64 KiB block of 32-bit lanes and the copy chunk
  const lengths = [0, 1, 15, 16, 17, 1000, 65536 + 7, CHUNK_BYTES + 33];

  it.each(lengths)('sum of squared errors equals the sample-by-sample sum for %i bytes', (n) => {
    const a = bytes(n, n + 1, true);
    const b = bytes(n, n + 2, true);
    expect(sumSquaredErrorU8(kernels, a, b)).toBe(naiveSse(a, b));
  });

  it('does not overflow on the largest possible differences (0 against 255 everywhere)', () => {
    const n = 3 * CHUNK_BYTES + 17;
    expect(sumSquaredErrorU8(kernels, new Uint8Array(n), new Uint8Array(n).fill(255))).toBe(n * 255 * 255);
    const ones = new Uint8Array(n).fill(255);
    expect(flickerSumU8(kernels, ones, new Uint8Array(n), new Uint8Array(n), ones)).toBe(n * 510);
  });

  it.each(lengths)('flicker sum equals the sample-by-sample sum for %i bytes', (n) => {
    const [a0, a1, b0, b1] = [1, 2, 3, 4].map((s) => bytes(n, 10 * n + s, true));
    expect(flickerSumU8(kernels, a0, a1, b0, b1)).toBe(naiveFlicker(a0, a1, b0, b1));
  });

  it('is what sumSquaredError and flickerBetween use for uint8 frames, and floats of the same values agree', () => {
    const n = 64 * 48 * 3;
    const [a0, a1, b0, b1] = [5, 6, 7, 8].map((s) => bytes(n, s));
    const frame = (d: Uint8Array | Float64Array): Frame => ({ width: 64, height: 48, channels: 3, data: d });
    expect(sumSquaredError(a1, b1)).toBe(naiveSse(a1, b1));
    expect(sumSquaredError(Float64Array.from(a1), Float64Array.from(b1))).toBe(naiveSse(a1, b1));
    const u8 = flickerBetween(frame(a0), frame(a1), frame(b0), frame(b1), 255);
    const f64 = flickerBetween(frame(Float64Array.from(a0)), frame(Float64Array.from(a1)), frame(Float64Array.from(b0)), frame(Float64Array.from(b1)), 255);
    expect(u8).toBe(naiveFlicker(a0, a1, b0, b1) / n / 255);
    expect(f64).toBe(u8);
  });
});
