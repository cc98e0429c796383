import { join, resolve } from 'node:path';
import { readImage } from '@evalkit/media-io';
import { createSsimScratch, extractPlane, gaussianWindow, simdSsimAvailable, ssimPlaneScalar, ssimPlaneSimd } from '../src';

const images = resolve(__dirname, '../../../fixtures/recon/images');

describe('the WebAssembly f64x2 SSIM kernel', () => {
  it('is available on Node 20', () => {
    expect(simdSsimAvailable()).toBe(true);
  });

  it.each([
    ['camera', 'noise'],
    ['chelsea', 'shift'],
    ['coffee-large', 'blur'],
  ])('gives the scalar kernel’s SSIM and cs on %s-%s (all channels) to 1e-12', async (name, distortion) => {
    const a = await readImage(join(images, `${name}-ref.png`));
    const b = await readImage(join(images, `${name}-${distortion}.png`));
    const w = gaussianWindow();
    for (let c = 0; c < a.channels; c++) {
      const x = extractPlane(a, c);
      const y = extractPlane(b, c);
      const scalar = ssimPlaneScalar(x, y, a.width, a.height, w, 255, createSsimScratch(a.width));
      const simd = ssimPlaneSimd(x, y, a.width, a.height, w, 255);
      expect(Math.abs(simd.ssim - scalar.ssim)).toBeLessThan(1e-12);
      expect(Math.abs(simd.cs - scalar.cs)).toBeLessThan(1e-12);
    }
  });

  it('handles odd and minimal valid regions (pair and single-column tails)', () => {
    const w = gaussianWindow();
    for (const [width, height] of [[11, 11], [12, 11], [13, 12], [14, 13], [37, 23]]) {
      const n = width * height;
      const x = Float64Array.from({ length: n }, (_, i) => (i * 7919) % 256);
      const y = Float64Array.from({ length: n }, (_, i) => ((i * 104729) % 256) * 0.5 + x[i] * 0.5);
      const scalar = ssimPlaneScalar(x, y, width, height, w, 255, createSsimScratch(width));
      const simd = ssimPlaneSimd(x, y, width, height, w, 255);
      expect([width, height, Math.abs(simd.ssim - scalar.ssim) < 1e-12]).toEqual([width, height, true]);
      expect(Math.abs(simd.cs - scalar.cs)).toBeLessThan(1e-12);
    }
  });
});
