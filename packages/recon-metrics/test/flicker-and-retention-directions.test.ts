import { flickerBetween, retentionOf, type Frame } from '../src';
import { flickerSeries } from '../src/flicker';
import { higherIsBetter } from '../src/metric-info';
import { qualityRetention } from '../src/retention';

const frame = (values: number[]): Frame => ({ width: values.length, height: 1, channels: 1, data: Float64Array.from(values) });

describe('temporal flicker', () => {
  it('is zero for a constant per-frame error and for a still pair', () => {
    const ref = [frame([10, 20]), frame([30, 40])];
    const test = [frame([15, 25]), frame([35, 45])];
    expect(flickerSeries(ref, test, 255)).toEqual([0]);
    expect(flickerSeries([ref[0], ref[0]], [ref[0], ref[0]], 255)).toEqual([0]);
  });

  it('measures test changes the reference does not have (hand-derived)', () => {
    // reference still; test jumps by +6 and -2 on its two samples: mean |change| 4, over range 255
    expect(flickerBetween(frame([100, 100]), frame([100, 100]), frame([100, 100]), frame([106, 98]), 255)).toBeCloseTo(4 / 255, 15);
    expect(flickerSeries([frame([0]), frame([0]), frame([0])], [frame([0]), frame([1]), frame([0])], 1)).toEqual([1, 1]);
  });
});

describe('quality retention', () => {
  it('is test/baseline for higher-is-better metrics (Turbo-VAED-LTX PSNR vs LTX, Table 1)', () => {
    const r = qualityRetention('psnr', 32.4, 31.68);
    expect(r).toMatchObject({ metric: 'psnr', higherIsBetter: true, baseline: 32.4, test: 31.68 });
    expect(r.retention).toBeCloseTo(31.68 / 32.4, 15);
  });

  it('is baseline/test for lower-is-better metrics, so < 1 always means worse', () => {
    expect(higherIsBetter('flicker')).toBe(false);
    expect(higherIsBetter('lpips')).toBe(false);
    const worse = qualityRetention('lpips', 0.0394, 0.0419);
    expect(worse.retention).toBeCloseTo(0.0394 / 0.0419, 15);
    expect(worse.retention).toBeLessThan(1);
    expect(qualityRetention('flicker', 0.02, 0.01).retention).toBe(2);
  });

  it('gives 1 for two infinite PSNRs, covers every shared metric, and rejects unknown metrics', () => {
    expect(qualityRetention('psnr', Infinity, Infinity).retention).toBe(1);
    expect(retentionOf({ psnr: 30, ssim: 0.9, flicker: 0.01 }, { psnr: 27, ssim: 0.9 }).map((r) => r.metric)).toEqual(['psnr', 'ssim']);
    expect(() => higherIsBetter('nope')).toThrow(/unknown metric "nope"/);
  });
});
