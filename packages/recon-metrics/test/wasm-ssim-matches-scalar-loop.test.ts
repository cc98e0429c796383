import { join, resolve } from 'node:path';
import { readImage } from '@evalkit/media-io';
import { metricsKernels, type Frame } from '../src';
import { createSsimScratch, ssimPlaneScalar } from '../src/ssim-plane';
import { extractPlane } from '../src/frame';
import { gaussianWindow, uniformWindow, windowForVariant, type SsimWindow } from '../src/ssim-window';
import { ssimStrips, stripGeometry } from '../src/kernels/ssim-strips';
import { readMetricsKernelBytes } from '../src/io/metrics-kernel-file';
import { instantiateKernels, MAX_PAGES, type WasmMemory } from '../src/kernels/wasm-kernels';

const images = resolve(__dirname, '../../../fixtures/recon/images');

/** The generic TypeScript loop, channel by channel: the reference the kernel is checked against. */
function scalarMeans(a: Frame, b: Frame, window: SsimWindow = gaussianWindow()): { ssim: number; cs: number } {
  let ssim = 0;
  let cs = 0;
  for (let c = 0; c < a.channels; c++) {
    const s = ssimPlaneScalar(extractPlane(a, c), extractPlane(b, c), a.width, a.height, window, 255, createSsimScratch(a.width));
    ssim += s.ssim / a.channels;
    cs += s.cs / a.channels;
  }
  return { ssim, cs };
}

/** A seeded pair of interleaved uint8 frames with structure and noise. */
function syntheticPair(width: number, height: number, channels: number): [Frame, Frame] {
  const n = width * height * channels;
  const x = Uint8Array.from({ length: n }, (_, i) => (i * 7919) % 256);
  const y = Uint8Array.from({ length: n }, (_, i) => (((i * 104729) % 256) >> 1) + (x[i] >> 1));
  return [
    { width, height, channels, data: x },
    { width, height, channels, data: y },
  ];
}

describe('the WebAssembly SSIM kernel (all channels in one pass, column strips)', () => {
  const kernels = metricsKernels();

  it('is available on Node 20', () => {
    expect(kernels).not.toBeNull();
  });

  it.each([
    ['camera', 'noise'],
    ['chelsea', 'shift'],
    ['coffee-large', 'blur'],
  ])('gives the generic loop’s SSIM and cs, averaged over channels, on %s-%s to 1e-12', async (name, distortion) => {
    const a = await readImage(join(images, `${name}-ref.png`));
    const b = await readImage(join(images, `${name}-${distortion}.png`));
    const expected = scalarMeans(a, b);
    const got = ssimStrips(kernels!, a.data, b.data, a.width, a.height, a.channels, gaussianWindow(), 255);
    expect(Math.abs(got.ssim - expected.ssim)).toBeLessThan(1e-12);
    expect(Math.abs(got.cs - expected.cs)).toBeLessThan(1e-12);
  });

  it.each([
    [11, 11, 1],
    [12, 11, 1],
    [13, 12, 3],
    [37, 23, 3],
    [64, 40, 2],
    [41, 19, 4],
    [1100, 13, 1],
    [301, 12, 3],
  ])('handles %ix%i with %i channels (minimal regions, odd tails, several strips) from uint8, float32 and float64', (width, height, channels) => {
    const [a, b] = syntheticPair(width, height, channels);
    const expected = scalarMeans(a, b);
    for (const convert of [(d: Uint8Array) => d, (d: Uint8Array) => Float32Array.from(d), (d: Uint8Array) => Float64Array.from(d)]) {
      const got = ssimStrips(kernels!, convert(a.data as Uint8Array), convert(b.data as Uint8Array), width, height, channels, gaussianWindow(), 255);
      expect(Math.abs(got.ssim - expected.ssim)).toBeLessThan(1e-12);
      expect(Math.abs(got.cs - expected.cs)).toBeLessThan(1e-12);
    }
  });

  it.each([
    ['scikit-image default (7x7 uniform, sample covariance)', windowForVariant('skimage')],
    ['7-tap Gaussian', gaussianWindow(1, 3)],
    ['7x7 uniform, population covariance', uniformWindow(7)],
  ])('runs the 7-tap kernel for the %s window and gives the generic loop’s values to 1e-12', (_name, window) => {
    for (const [width, height, channels] of [[7, 7, 1], [8, 9, 3], [37, 23, 3], [301, 12, 3], [64, 40, 2], [41, 19, 4]]) {
      const [a, b] = syntheticPair(width, height, channels);
      const expected = scalarMeans(a, b, window);
      const got = ssimStrips(kernels!, a.data, b.data, width, height, channels, window, 255);
      expect([width, height, channels, Math.abs(got.ssim - expected.ssim) < 1e-12, Math.abs(got.cs - expected.cs) < 1e-12]).toEqual([width, height, channels, true, true]);
    }
  });

  it('has the plain SIMD 1.0 build (the fallback without relaxed SIMD) agree too', () => {
    const api = (globalThis as unknown as { WebAssembly: { Module: new (b: Uint8Array) => object; Memory: new (d: object) => WasmMemory } }).WebAssembly;
    const plain = instantiateKernels(new api.Module(readMetricsKernelBytes('plain')), new api.Memory({ initial: 1, maximum: MAX_PAGES, shared: true }), 'plain');
    for (const [width, height, channels] of [[37, 23, 3], [301, 12, 3], [64, 40, 1]]) {
      const [a, b] = syntheticPair(width, height, channels);
      const expected = scalarMeans(a, b);
      const got = ssimStrips(plain, a.data, b.data, width, height, channels, gaussianWindow(), 255);
      expect(Math.abs(got.ssim - expected.ssim)).toBeLessThan(1e-12);
      expect(Math.abs(got.cs - expected.cs)).toBeLessThan(1e-12);
      const skimageWindow = windowForVariant('skimage');
      const seven = ssimStrips(plain, a.data, b.data, width, height, channels, skimageWindow, 255);
      expect(Math.abs(seven.ssim - scalarMeans(a, b, skimageWindow).ssim)).toBeLessThan(1e-12);
    }
    expect(plain.sseU8).toBeInstanceOf(Function);
  });

  it('splits wide rows into several even strips covering the valid columns exactly', () => {
    for (const valid of [1, 2, 511, 512, 513, 3810, 11490]) {
      const { strips, width } = stripGeometry(valid);
      expect(width % 2).toBe(0);
      expect(strips * width).toBeGreaterThanOrEqual(valid);
      expect((strips - 1) * width).toBeLessThan(valid);
    }
    expect(stripGeometry(3810).strips).toBeGreaterThan(1);
  });

  it('refuses windows other than 11 and 7 taps and images smaller than the window', () => {
    const [a, b] = syntheticPair(10, 20, 1);
    expect(() => ssimStrips(kernels!, a.data, b.data, 10, 20, 1, gaussianWindow(), 255)).toThrow(/smaller than the 11x11/);
    const [c, d] = syntheticPair(20, 20, 1);
    expect(() => ssimStrips(kernels!, c.data, d.data, 20, 20, 1, gaussianWindow(1, 2), 255)).toThrow(/11-tap and 7-tap/);
  });
});
