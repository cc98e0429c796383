import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { readImage } from '@evalkit/media-io';
import { closeSsimThreads, createMetricsPool, evaluateVideoPair, openVideoSource, type EvaluateOptions } from '../src';
import { computeFrameMetrics } from '../src/frame-metrics';

const images = resolve(__dirname, '../../../fixtures/recon/images');
const options: EvaluateOptions = { metrics: ['psnr', 'ssim', 'msssim', 'flicker'], ssimVariant: 'wang', dataRange: 255, luma: false };

afterAll(() => closeSsimThreads());

// A 1-frame "video" per image: with several threads its SSIM is split over them by column strips
// (the pool's workers get multi-frame videos); several videos at once also exercise the pool.
async function scores(threads: number) {
  const pool = createMetricsPool(threads);
  try {
    return await Promise.all(
      ['camera', 'coffee-large'].flatMap((name) =>
        ['noise', 'blur', 'shift'].map((d) =>
          evaluateVideoPair(`${name}-${d}`, openVideoSource(join(images, `${name}-ref.png`)).source, openVideoSource(join(images, `${name}-${d}.png`)).source, pool, options),
        ),
      ),
    );
  } finally {
    await pool.close();
  }
}

describe('worker threads', () => {
  jest.setTimeout(60_000);

  it('give exactly the single-thread numbers for one-frame videos (strip threads)', async () => {
    const [one, two] = [await scores(1), await scores(2)];
    expect(two).toEqual(one);
    expect(one[0].summary.msssim).toBeGreaterThan(0);
  });

  it('run the TypeScript worker under jest and give exactly the single-thread numbers', async () => {
    const a = await readImage(join(images, 'coffee-large-ref.png'));
    const b = await readImage(join(images, 'coffee-large-blur.png'));
    const frameOptions = { psnr: true, ssim: true, msssim: true, ssimVariant: 'wang' as const, dataRange: 255, luma: false };
    const pool = createMetricsPool(2);
    try {
      const both = await Promise.all([pool.compute(a, b, frameOptions), pool.compute(b, a, frameOptions)]);
      expect(both).toEqual([computeFrameMetrics(a, b, frameOptions), computeFrameMetrics(b, a, frameOptions)]);
    } finally {
      await pool.close();
    }
  });

  it('run under tsx too (the way the evalkit command loads sources)', () => {
    const script = `
      const { createMetricsPool } = require(${JSON.stringify(resolve(__dirname, '../src/index.ts'))});
      const pool = createMetricsPool(2);
      const f = { width: 16, height: 16, channels: 1, data: new Uint8Array(256).fill(7) };
      const g = { width: 16, height: 16, channels: 1, data: new Uint8Array(256).fill(9) };
      pool.compute(f, g, { psnr: true, ssim: true, msssim: false, ssimVariant: 'wang', dataRange: 255, luma: false })
        .then((m) => { console.log(JSON.stringify(m)); return pool.close(); });`;
    const out = execFileSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', script], { encoding: 'utf8' });
    const m = JSON.parse(out.trim());
    expect(m.mse).toBe(4);
    expect(m.psnr).toBeCloseTo(10 * Math.log10(65025 / 4), 12);
  });
});
