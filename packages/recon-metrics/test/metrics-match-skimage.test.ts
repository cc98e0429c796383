import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readImage } from '@evalkit/media-io';
import { lumaBt601, msSsim, psnr, ssim, type Frame } from '../src';
import { scaleFrame } from '../src/frame';
import { assertClose, itReproducesFixture } from '@evalkit/test-harness';

// Reference values: tools/recon/make-reference-values.py (scikit-image 0.19.3, SciPy 1.10.1) on crops
// of skimage's bundled photographs with noise, blur and shift; the PNGs are lossless, so sharp
// decodes exactly the arrays the script measured.
const fixtures = resolve(__dirname, '../../../fixtures/recon');
interface RefPair {
  ref: string;
  test: string;
  distortion: string;
  channels: number;
  psnr: number;
  ssimWang: number;
  ssimSkimage: number;
  psnrUnitRange: number;
  ssimWangUnitRange: number;
  msssim?: number;
  luma?: { psnr: number; ssimWang: number; ssimSkimage: number; msssim?: number };
}
const reference: { pairs: RefPair[] } = JSON.parse(readFileSync(join(fixtures, 'reference-values.json'), 'utf8'));

const frames = new Map<string, Frame>();
beforeAll(async () => {
  for (const p of reference.pairs) for (const f of [p.ref, p.test]) if (!frames.has(f)) frames.set(f, await readImage(join(fixtures, f)));
});

describe.each(reference.pairs.map((p) => [`${p.test}`, p] as const))('%s against scikit-image', (_name, pair) => {
  const get = () => [frames.get(pair.ref)!, frames.get(pair.test)!] as const;

  it('decodes with the channel count the script wrote', () => {
    expect(get()[0].channels).toBe(pair.channels);
  });

  it('PSNR matches peak_signal_noise_ratio within 1e-6 dB (range 255 and [0,1])', () => {
    const [a, b] = get();
    assertClose(psnr(a, b, { dataRange: 255 }), pair.psnr, { atol: 1e-6 }, 'psnr');
    assertClose(psnr(scaleFrame(a, 1 / 255), scaleFrame(b, 1 / 255), { dataRange: 1 }), pair.psnrUnitRange, { atol: 1e-6 }, 'psnr [0,1]');
  });

  it('SSIM (Wang: Gaussian 11, σ 1.5, population covariance) matches within 1e-6', () => {
    const [a, b] = get();
    assertClose(ssim(a, b, { variant: 'wang', dataRange: 255 }), pair.ssimWang, { atol: 1e-6 }, 'ssim wang');
    assertClose(ssim(scaleFrame(a, 1 / 255), scaleFrame(b, 1 / 255), { variant: 'wang', dataRange: 1 }), pair.ssimWangUnitRange, { atol: 1e-6 }, 'ssim wang [0,1]');
  });

  it("SSIM (scikit-image default: 7x7 uniform, sample covariance) matches within 1e-6", () => {
    const [a, b] = get();
    assertClose(ssim(a, b, { variant: 'skimage', dataRange: 255 }), pair.ssimSkimage, { atol: 1e-6 }, 'ssim skimage');
  });

  if (pair.luma) {
    const l = pair.luma;
    it('BT.601 luma PSNR and both SSIMs match within 1e-6', () => {
      const [a, b] = get().map(lumaBt601);
      assertClose(psnr(a, b, { dataRange: 255 }), l.psnr, { atol: 1e-6 }, 'luma psnr');
      assertClose(ssim(a, b, { variant: 'wang', dataRange: 255 }), l.ssimWang, { atol: 1e-6 }, 'luma ssim wang');
      assertClose(ssim(a, b, { variant: 'skimage', dataRange: 255 }), l.ssimSkimage, { atol: 1e-6 }, 'luma ssim skimage');
    });
  }

  if (pair.msssim !== undefined) {
    it('MS-SSIM matches the independent SciPy implementation of the 2003 formula within 1e-6', () => {
      const [a, b] = get();
      assertClose(msSsim(a, b, { dataRange: 255 }), pair.msssim!, { atol: 1e-6 }, 'msssim');
      if (pair.luma?.msssim !== undefined) assertClose(msSsim(lumaBt601(a), lumaBt601(b), { dataRange: 255 }), pair.luma.msssim, { atol: 1e-6 }, 'luma msssim');
    });
  }
});

describe('the fixtures', () => {
  it('cover every distortion on RGB and grey photographs, and MS-SSIM on both', () => {
    expect(new Set(reference.pairs.map((p) => p.distortion))).toEqual(new Set(['noise', 'blur', 'shift']));
    expect(reference.pairs.some((p) => p.channels === 1 && p.msssim !== undefined)).toBe(true);
    expect(reference.pairs.some((p) => p.channels === 3 && p.msssim !== undefined)).toBe(true);
  });
});

itReproducesFixture({
  script: 'tools/recon/make-reference-values.py',
  fixture: 'fixtures/recon',
  tools: ['python3-skimage', 'python3-scipy', 'python3-pil'],
  tolerance: 1e-12,
  ignoreKeys: ['versions'],
  ignoreFiles: ['README.md'],
});
