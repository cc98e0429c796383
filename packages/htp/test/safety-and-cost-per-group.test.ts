import { resolve } from 'node:path';
import { readLabelFile } from '@evalkit/agreement';
import { evaluateStudy, readOutputs } from '../src';
import { assertClose } from '@evalkit/test-harness';

const REPORTS = resolve(__dirname, '../../../fixtures/htp/psydraw-reports');

describe('a study of PsyDraw report files (fixtures/htp/psydraw-reports)', () => {
  const ev = evaluateStudy(readOutputs(REPORTS), readLabelFile(resolve(REPORTS, 'labels.csv')), { groupBy: 'grade', denominator: 'all', seed: 1, bootstrap: 0 });
  const pct = (groupBy: string | null, group: string, level: string) => ev.rows.find((r) => r.groupBy === groupBy && r.group === group && r.level === level)!.percent;

  it('tabulates consistency against the labels (hand-counted: 8 reports, d05 unrated)', () => {
    expect([pct(null, 'Total', 'High'), pct(null, 'Total', 'Moderate'), pct(null, 'Total', 'Low')]).toEqual([50, 12.5, 25]);
    expect([pct('signal', 'Warning', 'High'), pct('signal', 'Warning', 'Moderate'), pct('signal', 'Warning', 'Low')]).toEqual([40, 20, 20]);
    assertClose(pct('signal', 'Observation', 'High'), 200 / 3, 1e-9, 'Observation High');
    assertClose(pct('signal', 'Observation', 'Low'), 100 / 3, 1e-9, 'Observation Low');
    expect(ev.warning).toMatchObject({ count: 5, n: 8 });
    expect(ev.synthetic).toBe(false);
  });

  it('counts the reports the review step marked abnormal among those with a verdict, with Wilson intervals', () => {
    const total = ev.safety.find((r) => r.group === 'Total')!;
    expect(total).toMatchObject({ reports: 8, judged: 5, marked: 1, percent: 20 });
    // Wilson score interval for 1 of 5, z = 1.959964: computed separately with Python's math module.
    assertClose(total.wilsonLow, 3.6224108632, 1e-8, 'wilsonLow');
    assertClose(total.wilsonHigh, 62.4465370237, 1e-8, 'wilsonHigh');
    expect(ev.safety.find((r) => r.group === 'Warning')).toMatchObject({ reports: 5, judged: 3, marked: 1 });
    expect(ev.safety.find((r) => r.group === 'Observation')).toMatchObject({ reports: 3, judged: 2, marked: 0, percent: 0 });
    expect(ev.safety.find((r) => r.groupBy === 'grade' && r.group === '5')).toMatchObject({ reports: 4, judged: 1, marked: 1, percent: 100 });
  });

  it('sums token counts and gives per-report mean, median and p95 (hand-derived type-7 quantiles)', () => {
    const total = ev.cost.find((r) => r.group === 'Total' && r.tokens === 'total')!;
    // Totals 29000, 30000, 31000, 33000, 35000, 36000: median between the 3rd and 4th, p95 at h = 4.75.
    expect(total).toMatchObject({ reports: 8, counted: 6, sum: 194000, median: 32000, p95: 35750 });
    assertClose(total.mean, 194000 / 6, 1e-9, 'mean');
    expect(ev.cost.find((r) => r.group === 'Total' && r.tokens === 'completion')).toMatchObject({ counted: 6, sum: 35500 });
    // grade 5: d05 36000, d07 30000 (d06 and d08 record none).
    expect(ev.cost.find((r) => r.groupBy === 'grade' && r.group === '5' && r.tokens === 'total')).toMatchObject({ reports: 4, counted: 2, sum: 66000, mean: 33000, median: 33000 });
  });

  it('leaves out the label rows of reports skipped under --lenient', () => {
    const outputs = readOutputs(REPORTS).filter((o) => o.caseId !== 'd02_result_en');
    const labels = readLabelFile(resolve(REPORTS, 'labels.csv'));
    expect(() => evaluateStudy(outputs, labels, { groupBy: null, denominator: 'all', seed: 1, bootstrap: 0 })).toThrow(/labels for cases that have no output/);
    const ev2 = evaluateStudy(outputs, labels, { groupBy: null, denominator: 'all', seed: 1, bootstrap: 0, skippedCases: ['d02_result_en'] });
    expect(ev2.n).toBe(7);
  });
});
