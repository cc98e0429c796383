import { join, resolve } from 'node:path';
import { readImage } from '@evalkit/media-io';
import { msSsim, psnr, ssim } from '../src';
import { videoPsnr } from '../src/psnr';
import { serializeResultDocument, createRunManifest } from '@evalkit/core';

const fixtures = resolve(__dirname, '../../../fixtures/recon/images');

describe('an image compared with itself', () => {
  it('has infinite PSNR (not NaN), SSIM 1 in both conventions and MS-SSIM 1', async () => {
    const a = await readImage(join(fixtures, 'coffee-large-ref.png'));
    expect(psnr(a, a, { dataRange: 255 })).toBe(Infinity);
    expect(ssim(a, a, { variant: 'wang', dataRange: 255 })).toBeCloseTo(1, 12);
    expect(ssim(a, a, { variant: 'skimage', dataRange: 255 })).toBeCloseTo(1, 12);
    expect(msSsim(a, a, { dataRange: 255 })).toBeCloseTo(1, 12);
  });

  it('keeps Infinity through per-video means and writes it as the string "Infinity"', () => {
    const v = videoPsnr([0, 0], 255);
    expect(v).toEqual({ meanOfFrames: Infinity, pooled: Infinity });
    const mixed = videoPsnr([0, 1], 255);
    expect(mixed.meanOfFrames).toBe(Infinity);
    expect(mixed.pooled).toBeCloseTo(10 * Math.log10((255 * 255) / 0.5), 12);
    const manifest = createRunManifest({ tool: 't', toolVersion: '0', command: [], config: {}, seed: null, gitRevision: null, startedAt: new Date(0) });
    const text = serializeResultDocument({ schema: 'evalkit/recon-metrics@1', manifest, config: {}, results: [{ psnr: v.meanOfFrames }] });
    expect(text).toContain('"psnr": "Infinity"');
  });
});

describe('PSNR per video', () => {
  it('names both conventions and they differ as hand-derived', () => {
    // frame MSEs 1 and 100 at range 255: mean of PSNRs vs PSNR of mean MSE 50.5
    const v = videoPsnr([1, 100], 255);
    const p = (m: number) => 10 * Math.log10(65025 / m);
    expect(v.meanOfFrames).toBeCloseTo((p(1) + p(100)) / 2, 12);
    expect(v.pooled).toBeCloseTo(p(50.5), 12);
  });
});
