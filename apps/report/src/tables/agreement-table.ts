import type { NormalizedReport } from '../model';
import { fixed, interval, MISSING } from './format';
import { MESSAGES } from '../messages';
import { dataFootnote, labelledTitle } from './htp-tables';
import { needsSeriesColumn, num, text, type Table } from './table';

/** Agreement coefficients with standard errors and 95% intervals. */
export function agreementTable(report: NormalizedReport): Table | null {
  if (report.agreement.length === 0) return null;
  const withSeries = needsSeriesColumn(report.agreement);
  return {
    id: 'agreement',
    section: 'agreement',
    title: labelledTitle('Agreement coefficients', report.dataNotes.agreement),
    notes: dataFootnote(report.dataNotes.agreement),
    caption: `${report.dataNotes.agreement ? `${MESSAGES.syntheticCaption} ` : ''}Each agreement statistic with its weighting variant, the raters it compares, its standard error and 95% interval.`,
    columns: [...(withSeries ? [text('Device')] : []), text('Statistic'), text('Variant'), text('Raters'), num('Value'), num('SE'), num('95% CI')],
    rows: report.agreement.map((a) => [
      ...(withSeries ? [a.series] : []),
      a.statistic,
      a.variant || MISSING,
      a.raters || MISSING,
      fixed(a.value, 4),
      fixed(a.se, 4),
      interval(a.ciLow, a.ciHigh, 4),
    ]),
  };
}
