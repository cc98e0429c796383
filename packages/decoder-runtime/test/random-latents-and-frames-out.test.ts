import { randomLatents, videoToFrames8 } from '../src';

describe('seeded random latents', () => {
  it('repeat for one seed, differ across seeds and are standard normal', () => {
    const a = randomLatents([1, 16, 5, 32, 32], 1);
    expect(Array.from(randomLatents([1, 16, 5, 32, 32], 1).data)).toEqual(Array.from(a.data));
    expect(randomLatents([1, 16, 5, 32, 32], 2).data[0]).not.toBe(a.data[0]);
    const mean = a.data.reduce((s, v) => s + v, 0) / a.data.length;
    const variance = a.data.reduce((s, v) => s + (v - mean) ** 2, 0) / a.data.length;
    // 81920 samples: the standard error of the mean is 0.0035, of the variance 0.005.
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.03);
  });
});

describe('frames out', () => {
  it('clamps decoder overshoot: [-1, 1] -> round((x + 1) * 127.5) in 0..255', () => {
    const video = { data: Float32Array.from([-2, -1, -0.5, 0, 0.5, 1, 3, NaN, 0, 0, 0, 0]), shape: [1, 3, 1, 2, 2] };
    const f = videoToFrames8(video).frames[0];
    // Pixel i takes channel c from data[c * 4 + i]: R = -2, -1, -0.5, 0; G = 0.5, 1, 3, NaN; B = 0.
    expect(Array.from(f)).toEqual([0, 191, 128, 0, 255, 128, 64, 255, 128, 128, 0, 128]);
  });
});
