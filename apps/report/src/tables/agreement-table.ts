import type { NormalizedReport } from '../model';
import { fixed, interval, MISSING } from './format';
import { MESSAGES } from '../messages';
import { dataFootnote, labelledTitle } from './htp-tables';
import { num, tableOf, text, type Table } from './table';

/** Agreement coefficients with standard errors and 95% intervals. */
export function agreementTable(report: NormalizedReport): Table | null {
  const note = report.dataNotes.agreement;
  const meta = {
    id: 'agreement',
    section: 'agreement',
    title: labelledTitle('Agreement coefficients', note),
    notes: dataFootnote(note),
    caption: `${note ? `${MESSAGES.syntheticCaption} ` : ''}Each agreement statistic with its weighting variant, the raters it compares, its standard error and 95% interval.`,
  } as const;
  return tableOf(meta, report.agreement, [
    text('Statistic', (a) => a.statistic),
    text('Variant', (a) => a.variant || MISSING),
    text('Raters', (a) => a.raters || MISSING),
    num('Value', (a) => fixed(a.value, 4)),
    num('SE', (a) => fixed(a.se, 4)),
    num('95% CI', (a) => interval(a.ciLow, a.ciHigh, 4)),
  ]);
}
