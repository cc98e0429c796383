import { bootstrapCohenKappa, bootstrapLevelShares, cohenKappa, createPrng, quantileSorted } from '../src';

describe('seeded percentile bootstrap', () => {
  const rng = createPrng(11);
  const a = Int32Array.from({ length: 290 }, () => rng.int(3));
  const b = a.map((v) => (rng.next() < 0.7 ? v : rng.int(3)));

  it('same seed, same interval; another seed, another interval', () => {
    const x = bootstrapCohenKappa(a, b, 3, { resamples: 2000, seed: 5 });
    const y = bootstrapCohenKappa(a, b, 3, { resamples: 2000, seed: 5 });
    const z = bootstrapCohenKappa(a, b, 3, { resamples: 2000, seed: 6 });
    expect(x.ci).toEqual(y.ci);
    expect(z.ci).not.toEqual(x.ci);
  });

  it('the kappa bootstrap interval is close to the asymptotic (Fleiss–Cohen–Everitt) interval', () => {
    const boot = bootstrapCohenKappa(a, b, 3, { resamples: 4000, seed: 1 });
    const k = cohenKappa(a, b, 3);
    expect(boot.kappa).toBeCloseTo(k.kappa, 12);
    expect(Math.abs(boot.ci[0] - k.ci95[0])).toBeLessThan(0.02);
    expect(Math.abs(boot.ci[1] - k.ci95[1])).toBeLessThan(0.02);
  });

  it('weighted bootstraps centre on the weighted kappa', () => {
    const boot = bootstrapCohenKappa(a, b, 3, { resamples: 500, seed: 1, weights: 'quadratic' });
    expect(boot.kappa).toBeCloseTo(cohenKappa(a, b, 3, 'quadratic').kappa, 12);
    expect(boot.ci[0]).toBeLessThan(boot.kappa);
    expect(boot.ci[1]).toBeGreaterThan(boot.kappa);
  });

  it('level shares: bounds bracket the share and keep unrated cases in the "all" denominator', () => {
    const codes = Int32Array.from([...Array(206).fill(2), ...Array(76).fill(1), ...Array(7).fill(0), -1]);
    const [low, , high] = bootstrapLevelShares(codes, 3, { resamples: 3000, seed: 2, denominator: 'all' });
    expect(high[0]).toBeLessThan(206 / 290);
    expect(high[1]).toBeGreaterThan(206 / 290);
    expect(low[0]).toBeGreaterThanOrEqual(0);
  });

  it('quantiles interpolate like numpy (type 7)', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 12);
    expect(quantileSorted([1, 2, 3, 4], 0.975)).toBeCloseTo(3.925, 12);
  });
});
