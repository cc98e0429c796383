import { ratingsFromRows } from '@evalkit/agreement';
import { validateRubric, DEFAULT_RUBRIC } from '../src';
import { consensusRatings } from '../src/consensus';
import { deriveConsistency } from '../src/derived-consistency';

const sys = { signal: 'Warning', tags: { size: 'oversized', placement: 'left', line_quality: 'broken', omissions: 'arms' } };

describe('derived consistency from structured expert labels', () => {
  it('signal agrees and ≥ 75% of tags agree: High', () => {
    expect(deriveConsistency(sys, { signal: 'warning', tags: { size: 'Oversized', placement: 'left', line_quality: 'broken', omissions: 'none' } })).toMatchObject({ level: 'High', signalAgrees: true, tagShare: 0.75, compared: 4 });
  });
  it('signal agrees, half the tags: Moderate; under a quarter: Low', () => {
    expect(deriveConsistency(sys, { signal: 'Warning', tags: { size: 'oversized', placement: 'left', line_quality: 'smooth', omissions: 'none' } }).level).toBe('Moderate');
    expect(deriveConsistency(sys, { signal: 'Warning', tags: { size: 'normal', placement: 'centre', line_quality: 'smooth', omissions: 'none' } }).level).toBe('Low');
  });
  it('signal disagrees: Moderate only when the features still agree', () => {
    expect(deriveConsistency(sys, { signal: 'Observation', tags: { size: 'oversized', placement: 'left', line_quality: 'broken', omissions: 'arms' } }).level).toBe('Moderate');
    expect(deriveConsistency(sys, { signal: 'Observation', tags: { size: 'oversized', placement: 'centre' } }).level).toBe('Low');
  });
  it('unassessed features are skipped; signal alone decides when no feature is compared', () => {
    expect(deriveConsistency(sys, { signal: 'Warning', tags: { size: '', placement: '' } })).toMatchObject({ level: 'High', tagShare: null, compared: 0 });
    expect(deriveConsistency(sys, { signal: 'Observation', tags: {} }).level).toBe('Low');
    expect(deriveConsistency(sys, { signal: null, tags: {} }).level).toBeNull();
  });
  it('multi-tag cells compare as sets, and thresholds are configurable', () => {
    const s = { signal: 'Warning', tags: { omissions: 'arms; roots' } };
    expect(deriveConsistency(s, { signal: 'Warning', tags: { omissions: 'roots;arms' } }).tagShare).toBe(1);
    const strict = validateRubric({ ...DEFAULT_RUBRIC, high: 1 });
    expect(deriveConsistency(sys, { signal: 'Warning', tags: { size: 'oversized', placement: 'left', line_quality: 'broken', omissions: 'none' } }, strict).level).toBe('Moderate');
    expect(() => validateRubric({ high: 0.2, low: 0.5, disagreeModerate: 0.5 })).toThrow(/low/);
  });
  it('several raters per case: the lower median', () => {
    const m = ratingsFromRows([[2, 1], [2, 2], [0, -1], [-1, -1]], ['Low', 'Moderate', 'High']);
    expect(Array.from(consensusRatings(m))).toEqual([1, 2, 0, -1]);
  });
});
