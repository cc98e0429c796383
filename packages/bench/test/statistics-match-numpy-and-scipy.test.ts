/**
 * @jest-environment node
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bootstrapMedianInterval, independentRatioInterval, pairedRatioInterval } from '../src/stats/bootstrap';
import { tukeyOutliers } from '../src/stats/outliers';
import { quantileSorted } from '../src/stats/quantile';
import { sampleStats } from '../src/stats/sample-stats';

// Written by tools/bench/make-statistics-reference.py from NumPy and SciPy (scipy.stats.bootstrap).
interface Case {
  name: string;
  samples: number[];
  median: number;
  mean: number;
  sd: number;
  cv: number;
  q1: number;
  q3: number;
  fences: number[];
  outliers: { lowSevere: number; lowMild: number; highMild: number; highSevere: number; indices: number[] };
  medianCi95: [number, number];
}
interface RatioCase {
  name: string;
  paired: boolean;
  numerator: number[];
  denominator: number[];
  ratio: number;
  ci95: [number, number];
}
const ref = JSON.parse(readFileSync(resolve(__dirname, '../../../fixtures/bench/statistics-reference.json'), 'utf8')) as { resamples: number; cases: Case[]; ratios: RatioCase[] };

/** Fails on NaN, on a missing expectation and beyond the tolerance (|a − e| ≤ atol + rtol·|e|). */
function expectClose(actual: number, expected: number, rtol: number, what: string): void {
  if (!Number.isFinite(expected)) throw new Error(`${what}: reference value missing or not finite (${expected})`);
  if (!Number.isFinite(actual) || Math.abs(actual - expected) > rtol * Math.abs(expected)) {
    throw new Error(`${what}: ${actual} differs from the reference ${expected} by more than ${rtol} relative`);
  }
}

describe('descriptive statistics and Tukey outliers match numpy', () => {
  it('has reference cases', () => expect(ref.cases.length).toBeGreaterThanOrEqual(6));
  for (const c of ref.cases) {
    it(`${c.name}: median, mean, sd, CV, quartiles, fences and outlier classes`, () => {
      const s = sampleStats(c.samples);
      expectClose(s.medianMs, c.median, 1e-12, 'median');
      expectClose(s.meanMs, c.mean, 1e-12, 'mean');
      expectClose(s.sdMs, c.sd, 1e-10, 'sd');
      expectClose(s.cv, c.cv, 1e-10, 'cv');
      const sorted = [...c.samples].sort((a, b) => a - b);
      expectClose(quantileSorted(sorted, 0.25), c.q1, 1e-12, 'q1');
      expectClose(quantileSorted(sorted, 0.75), c.q3, 1e-12, 'q3');
      const o = tukeyOutliers(c.samples);
      o.fences.forEach((f, i) => expect(Math.abs(f - c.fences[i])).toBeLessThan(1e-9 * Math.max(1, Math.abs(c.fences[i]))));
      expect({ lowSevere: o.lowSevere, lowMild: o.lowMild, highMild: o.highMild, highSevere: o.highSevere, indices: o.indices }).toEqual(c.outliers);
      expect(s.samplesMs).toEqual(c.samples);
    });
  }
  it('the fixtures exercise every outlier class', () => {
    const total = (k: 'lowSevere' | 'lowMild' | 'highMild' | 'highSevere') => ref.cases.reduce((s, c) => s + c.outliers[k], 0);
    for (const k of ['lowSevere', 'lowMild', 'highMild', 'highSevere'] as const) expect(total(k)).toBeGreaterThan(0);
  });
});

describe('bootstrap intervals match scipy.stats.bootstrap (percentile method)', () => {
  // SciPy used 200,000 resamples; with as many, the two Monte Carlo estimates of the same
  // percentile agree to well under 1% of the median on these samples (spread 2-25%).
  for (const c of ref.cases) {
    it(`${c.name}: 95% interval of the median`, () => {
      const ci = bootstrapMedianInterval(c.samples, { resamples: ref.resamples, seed: 7 });
      expectClose(ci[0], c.medianCi95[0], 0.005, 'low bound');
      expectClose(ci[1], c.medianCi95[1], 0.005, 'high bound');
      // The default 10,000 resamples the benchmarks use stay within 2%.
      const quick = bootstrapMedianInterval(c.samples);
      expectClose(quick[0], c.medianCi95[0], 0.02, 'low bound, 10k resamples');
      expectClose(quick[1], c.medianCi95[1], 0.02, 'high bound, 10k resamples');
    });
  }
  for (const r of ref.ratios) {
    it(`${r.name}: 95% interval of a ratio of medians (${r.paired ? 'paired' : 'independent'})`, () => {
      const f = r.paired ? pairedRatioInterval : independentRatioInterval;
      const ci = f(r.numerator, r.denominator, { resamples: ref.resamples, seed: 11 });
      expectClose(ci[0], r.ci95[0], 0.005, 'low bound');
      expectClose(ci[1], r.ci95[1], 0.005, 'high bound');
    });
  }
  it('pairing matters: with a shared drift the paired interval is narrower than the independent one', () => {
    const r = ref.ratios.find((x) => x.paired)!;
    const p = pairedRatioInterval(r.numerator, r.denominator);
    const q = independentRatioInterval(r.numerator, r.denominator);
    expect(p[1] - p[0]).toBeLessThan(0.6 * (q[1] - q[0]));
  });
});

describe('stability flags', () => {
  it('flags a CV above 10% and an interval wider than the target, and not a tight sample', () => {
    const tight = sampleStats([100, 101, 99, 100.5, 99.5, 100.2, 99.8, 100.1, 99.9, 100]);
    expect(tight.unstable).toBe(false);
    expect(tight.unstableReasons).toEqual([]);
    const noisy = sampleStats([100, 140, 80, 120, 90, 130, 70, 110]);
    expect(noisy.unstable).toBe(true);
    expect(noisy.unstableReasons.join('; ')).toMatch(/CV \d+\.\d% > 10%/);
    expect(noisy.unstableReasons.join('; ')).toMatch(/misses the ±5\.0% target/);
    expect(sampleStats([5, 5]).unstableReasons).toContain('only 2 samples');
  });
  it('refuses NaN samples instead of summarising them', () => {
    expect(() => sampleStats([1, NaN, 2])).toThrow(/not a finite number/);
  });
});
