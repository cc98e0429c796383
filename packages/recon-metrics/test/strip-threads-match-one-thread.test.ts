import { join, resolve } from 'node:path';
import { readImage } from '@evalkit/media-io';
import { closeSsimThreads, msSsim, ssim, type Frame } from '../src';
import { createSsimTeam } from '../src/parallel/ssim-team';

const images = resolve(__dirname, '../../../fixtures/recon/images');

afterAll(() => closeSsimThreads());

describe('SSIM split over worker threads by column strips', () => {
  let a: Frame;
  let b: Frame;
  beforeAll(async () => {
    a = await readImage(join(images, 'coffee-large-ref.png'));
    b = await readImage(join(images, 'coffee-large-noise.png'));
  });

  it('gives exactly the one-thread SSIM (both windows) and MS-SSIM with 2 and 3 threads (strip sums added in strip order)', () => {
    const one = ssim(a, b, { variant: 'wang', dataRange: 255 });
    const ms = msSsim(a, b, { dataRange: 255 });
    const seven = ssim(a, b, { variant: 'skimage', dataRange: 255 });
    for (const threads of [2, 3, 2]) {
      expect(ssim(a, b, { variant: 'wang', dataRange: 255, threads })).toBe(one);
      expect(ssim(a, b, { variant: 'skimage', dataRange: 255, threads })).toBe(seven);
      expect(msSsim(a, b, { dataRange: 255, threads })).toBe(ms);
    }
  });

  it('runs every job to the end when frames change size between calls (memory grows under the workers)', () => {
    const big = { width: 600, height: 400, channels: 3, data: new Uint8Array(600 * 400 * 3).map((_, i) => (i * 31) % 251) };
    const big2 = { ...big, data: big.data.map((v, i) => (v + (i % 7)) % 256) };
    const expected = ssim(big, big2, { variant: 'wang', dataRange: 255 });
    expect(ssim(big, big2, { variant: 'wang', dataRange: 255, threads: 2 })).toBe(expected);
    expect(ssim(a, b, { variant: 'wang', dataRange: 255, threads: 2 })).toBe(ssim(a, b, { variant: 'wang', dataRange: 255 }));
  });

  it('refuses a job on a team that was closed', async () => {
    const team = createSsimTeam(2);
    await team.close();
    expect(() => team.run(team.kernels, 1)).toThrow(/closed/);
  });

  it('refuses a thread count that is not a positive integer', () => {
    expect(() => ssim(a, b, { variant: 'wang', dataRange: 255, threads: 0 })).toThrow(RangeError);
    expect(() => createSsimTeam(1.5)).toThrow(/positive integer/);
  });
});
