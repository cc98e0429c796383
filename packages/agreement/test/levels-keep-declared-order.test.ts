import { agreementSummary, buildRatings, encodeLabels, type LabelFile } from '../src';
import { inferLevels } from '../src/levels';

// An ordinal scale with aliases, as a study declares it (the PsyDraw consistency scale and the paper's wording).
const CONSISTENCY_LEVELS = ['Low', 'Moderate', 'High'];
const CONSISTENCY_ALIASES = { Matching: 'High', 'Generally Matching': 'Moderate', 'Not Matching': 'Low' };

const file = (labels: [string, string][]): LabelFile => ({
  file: 'mem.csv',
  format: 'wide',
  raters: ['a', 'b'],
  rows: labels.flatMap(([x, y], i) => [
    { line: i + 2, caseId: `c${i}`, rater: 'a', label: x },
    { line: i + 2, caseId: `c${i}`, rater: 'b', label: y },
  ]),
  attributes: new Map(),
});

describe('levels are always in a declared order, never alphabetical', () => {
  it('encodes High/Moderate/Low and the paper\'s wording onto Low < Moderate < High', () => {
    const { codes, unknown } = encodeLabels(['High', 'low', 'Generally Matching', 'Not Matching', 'matching', '', 'NA'], { levels: CONSISTENCY_LEVELS, aliases: CONSISTENCY_ALIASES });
    expect(Array.from(codes)).toEqual([2, 0, 1, 0, 2, -1, -1]);
    expect(unknown).toEqual([]);
  });

  it('weighted kappa uses the declared order: High-vs-Low is the far disagreement, not High-vs-Moderate', () => {
    const pairs: [string, string][] = [['High', 'High'], ['Low', 'Low'], ['Moderate', 'Moderate'], ['High', 'Moderate'], ['Low', 'Moderate'], ['High', 'High']];
    const declared = agreementSummary(buildRatings(file(pairs), { levels: CONSISTENCY_LEVELS }).matrix, ['a', 'b']);
    const alphabetical = agreementSummary(buildRatings(file(pairs), { levels: ['High', 'Low', 'Moderate'] }).matrix, ['a', 'b']);
    expect(declared.cohen!.kappa).toBeCloseTo(alphabetical.cohen!.kappa, 12); // unweighted does not care
    expect(declared.cohen!.linear).not.toBeCloseTo(alphabetical.cohen!.linear, 3); // weighted does
    expect(declared.cohen!.linear).toBeGreaterThan(declared.cohen!.kappa); // near misses earn partial credit
  });

  it('infers numeric order for numbers and first appearance for text', () => {
    expect(inferLevels(['10', '9', '2', null, '9']).levels).toEqual(['2', '9', '10']);
    expect(inferLevels(['Moderate', 'High', 'Low']).levels).toEqual(['Moderate', 'High', 'Low']);
  });

  it('missing ratings are never a category', () => {
    const { matrix } = buildRatings(file([['High', ''], ['Low', 'Low']]), { levels: CONSISTENCY_LEVELS });
    expect(matrix.levels).toEqual(['Low', 'Moderate', 'High']);
    expect(Array.from(matrix.codes)).toEqual([2, -1, 0, 0]);
  });
});
