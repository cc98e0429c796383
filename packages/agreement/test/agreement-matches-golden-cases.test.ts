import { agreementSummary, buildRatings, wilsonInterval, type LabelFile } from '../src';
import { atPath, goldenRatingsCases, goldenWilsonCases } from '../../../tools/htp/golden-cases';
import { assertClose } from '@evalkit/test-harness';

/** The golden case's table as an in-memory wide label file (the same path the CLI takes after reading the CSV). */
function asLabelFile(c: ReturnType<typeof goldenRatingsCases>[number]): LabelFile {
  const rows = c.rows.flatMap((r, i) => r.map((label, j) => ({ line: i + 2, caseId: `u${i + 1}`, rater: c.raters[j], label: label ?? '' })));
  return { file: c.id, format: 'wide', raters: c.raters, rows, attributes: new Map() };
}

describe('agreement coefficients match the published golden cases (library)', () => {
  const cases = goldenRatingsCases();

  it('covers every agreement case of the golden file', () => {
    expect(cases.map((c) => c.id)).toEqual([
      'cohen-sklearn-doc', 'cohen-2x2', 'cohen-3cat', 'cohen-weighted', 'cohen-sas-table10', 'irr-anxiety',
      'fleiss-diagnoses', 'fleiss-wikipedia', 'kripp-wikipedia', 'kripp-2011', 'kripp-2obs-binary', 'kripp-2obs-nominal', 'kripp-swap', 'kripp-one-dissent',
    ]);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const { matrix, raters } = buildRatings(asLabelFile(c), c.levels ? { levels: c.levels } : null);
    const summary = agreementSummary(matrix, raters);
    expect(c.checks.length).toBeGreaterThan(0);
    for (const check of c.checks) assertClose(atPath(summary, check.path), check.expected, check.tolerance, `${c.id} ${check.path} (${c.source})`);
  });

  it.each(goldenWilsonCases().map((w) => [`${w.x}/${w.n}`, w] as const))('Wilson interval %s', (_l, w) => {
    const [lo, hi] = wilsonInterval(w.x, w.n);
    assertClose(lo, w.ci95[0], w.tolerance, 'low');
    assertClose(hi, w.ci95[1], w.tolerance, 'high');
  });
});
