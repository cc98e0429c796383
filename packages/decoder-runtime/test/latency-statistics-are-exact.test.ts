import { latencyOf } from '../src';

describe('latency statistics', () => {
  it('match hand-computed values: mean, median of an even count, nearest-rank p99, sample sd', () => {
    const s = latencyOf([4, 1, 3, 2]);
    expect(s).toEqual({ meanMs: 2.5, medianMs: 2.5, p99Ms: 4, sdMs: Math.sqrt(5 / 3), minMs: 1, runs: 4 });
  });
  it('take the middle sample for an odd count and sd 0 for one sample', () => {
    expect(latencyOf([5, 9, 7]).medianMs).toBe(7);
    expect(latencyOf([3])).toEqual({ meanMs: 3, medianMs: 3, p99Ms: 3, sdMs: 0, minMs: 3, runs: 1 });
  });
  it('p99 of 200 samples is the 198th smallest (nearest rank)', () => {
    expect(latencyOf(Array.from({ length: 200 }, (_, i) => 200 - i)).p99Ms).toBe(198);
  });
});
