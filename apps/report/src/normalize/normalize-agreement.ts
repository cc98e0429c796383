import type { AgreementRow, LoadedDocument } from '../model';
import { numberField, optionalNumberField, optionalStringField, stringField, type FieldContext } from './fields';

/** Agreement coefficients with standard errors and intervals. */
export function normalizeAgreement(docs: readonly { loaded: LoadedDocument; series: string }[]): AgreementRow[] {
  const rows: AgreementRow[] = [];
  for (const { loaded, series } of docs) {
    const { file, kind, document } = loaded;
    document.results.forEach((r, i) => {
      const ctx: FieldContext = { file, kind, path: `results[${i}]` };
      rows.push({
        series,
        statistic: stringField(r, 'statistic', ctx),
        variant: optionalStringField(r, 'variant', ctx) ?? '',
        raters: optionalStringField(r, 'raters', ctx) ?? '',
        value: numberField(r, 'value', ctx),
        se: optionalNumberField(r, 'se', ctx),
        ciLow: optionalNumberField(r, 'ciLow', ctx),
        ciHigh: optionalNumberField(r, 'ciHigh', ctx),
      });
    });
  }
  return rows;
}
