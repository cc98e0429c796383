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

describe('percentile bootstrap coverage, measured over seeded repetitions', () => {
  // Studies drawn from a known population: rater A uniform over 3 levels, rater B copies A with
  // probability 0.7 and is otherwise uniform. Then P(agree) = 0.7 + 0.3/3 = 0.8, both marginals are
  // uniform so chance agreement is 1/3, and the population kappa is (0.8 - 1/3) / (1 - 1/3) = 0.7
  // (derived by hand, not by the code). A 95% interval should contain it in about 95% of studies.
  const TRUE_KAPPA = 0.7;
  const STUDIES = 200;
  // 200 studies: the standard error of a 95% coverage is sqrt(0.95 * 0.05 / 200) = 0.015, so a
  // correct interval lands in [0.90, 0.985] (percentile intervals run slightly short at n = 150;
  // measured: 0.94) and one of the wrong width (a 50% interval, or a near-certain one) lands far
  // outside. The seeds are fixed, so the result is the same on every run.
  it('the 95% kappa interval covers the population kappa in 90-98.5% of 200 studies of 150 cases', () => {
    const rng = createPrng(2024);
    let covered = 0;
    for (let s = 0; s < STUDIES; s++) {
      const a = Int32Array.from({ length: 150 }, () => rng.int(3));
      const b = a.map((v) => (rng.next() < 0.7 ? v : rng.int(3)));
      const { ci } = bootstrapCohenKappa(a, b, 3, { resamples: 200, seed: 1000 + s });
      if (ci[0] <= TRUE_KAPPA && TRUE_KAPPA <= ci[1]) covered++;
    }
    const coverage = covered / STUDIES;
    expect(coverage).toBeGreaterThanOrEqual(0.9);
    expect(coverage).toBeLessThanOrEqual(0.985);
  });

  it('the 95% level-share interval covers the population shares (0.1, 0.3, 0.6) in 90-98.5% of 200 studies of 150 cases', () => {
    const rng = createPrng(7);
    const counts = [0, 0, 0];
    for (let s = 0; s < STUDIES; s++) {
      // Level 2 with probability 0.6, level 1 with 0.3, level 0 with 0.1.
      const codes = Int32Array.from({ length: 150 }, () => {
        const u = rng.next();
        return u < 0.6 ? 2 : u < 0.9 ? 1 : 0;
      });
      const shares = bootstrapLevelShares(codes, 3, { resamples: 200, seed: 5000 + s, denominator: 'all' });
      [0.1, 0.3, 0.6].forEach((p, k) => {
        if (shares[k][0] <= p && p <= shares[k][1]) counts[k]++;
      });
    }
    for (const c of counts) {
      expect(c / STUDIES).toBeGreaterThanOrEqual(0.9);
      expect(c / STUDIES).toBeLessThanOrEqual(0.985);
    }
  });
});
