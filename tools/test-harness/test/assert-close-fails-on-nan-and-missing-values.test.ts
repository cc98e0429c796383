import { assertAllClose, assertClose, assertClosePaths } from '../src';

describe('assertClose', () => {
  it('passes within the tolerance, absolute or absolute plus relative', () => {
    expect(() => assertClose(1.04, 1, 0.05)).not.toThrow();
    expect(() => assertClose(101, 100, { atol: 0, rtol: 0.01 })).not.toThrow();
    expect(() => assertClose(Infinity, Infinity, 1e-4, 'psnr')).not.toThrow();
  });

  it.each([
    ['a value off by more than the tolerance', 1.06, 1, 0.05, /expected 1 ± 0.05, got 1.06/],
    ['a NaN actual value', NaN, 1, 0.05, /got NaN/],
    ['a missing actual value', undefined, 1, 0.05, /got undefined/],
    ['a string actual value', '1', 1, 0.05, /got 1/],
    ['a missing expected value', 1, undefined, 0.05, /no expected value/],
    ['a NaN expected value', 1, NaN, 0.05, /no expected value/],
    ['a missing tolerance', 1, 1, undefined, /tolerance/],
    ['a NaN tolerance', 1, 1, NaN, /tolerance/],
    ['a negative tolerance', 1, 1, -1, /tolerance/],
    ['a NaN relative tolerance', 1, 1, { atol: 0, rtol: NaN }, /tolerance/],
    ['a finite value against an infinite one', 1e9, Infinity, 1e-4, /expected Infinity/],
  ])('fails on %s', (_what, actual, expected, tolerance, message) => {
    expect(() => assertClose(actual, expected, tolerance as never, 'x')).toThrow(message);
  });
});

describe('assertClosePaths', () => {
  it('compares each dotted path and fails when the expected values lack one', () => {
    const ours = { cohen: { kappa: 0.5, ci95: [0.1, 0.9] } };
    expect(() => assertClosePaths(ours, { cohen: { kappa: 0.5, ci95: [0.1, 0.9] } }, ['cohen.kappa', 'cohen.ci95.1'], 1e-12)).not.toThrow();
    expect(() => assertClosePaths(ours, { cohen: { ci95: [0.1, 0.9] } }, ['cohen.kappa'], 1e-12, 'case')).toThrow(/case cohen.kappa: the expected values have no "cohen.kappa"/);
    expect(() => assertClosePaths({ cohen: {} }, ours, ['cohen.kappa'], 1e-12)).toThrow(/got undefined/);
    expect(() => assertClosePaths(ours, ours, [], 1e-12)).toThrow(/no paths/);
  });
});

describe('assertAllClose', () => {
  it('fails on a length mismatch, an empty reference and any element out of tolerance', () => {
    expect(() => assertAllClose([1, 2], [1, 2], 0)).not.toThrow();
    expect(() => assertAllClose([1], [1, 2], 0)).toThrow(/expected 2 values, got 1/);
    expect(() => assertAllClose([], [], 0)).toThrow(/no expected values/);
    expect(() => assertAllClose([1, NaN], [1, 2], 1)).toThrow(/\[1\].*got NaN/);
  });
});
