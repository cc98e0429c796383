import type { AgreementRow, SeriesDocument } from '../model';
import { documentOf } from './document-of';

/** Agreement coefficients with standard errors and intervals. */
export function normalizeAgreement(docs: readonly SeriesDocument[]): AgreementRow[] {
  const rows: AgreementRow[] = [];
  for (const { loaded, series } of docs) {
    for (const r of documentOf(loaded, 'agreement').results) {
      rows.push({ series, statistic: r.statistic, variant: r.variant, raters: r.raters, value: r.value, se: r.se, ciLow: r.ciLow, ciHigh: r.ciHigh });
    }
  }
  return rows;
}
