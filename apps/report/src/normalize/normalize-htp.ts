import type { HtpRow, HtpWarningRow, LoadedDocument } from '../model';
import { numberField, optionalNumberField, optionalObjectField, optionalStringField, stringField, type FieldContext } from './fields';

/** Consistency cells with Wilson and bootstrap intervals, and the Warning share from the summary. */
export function normalizeHtp(docs: readonly { loaded: LoadedDocument; series: string }[]): { rows: HtpRow[]; warning: HtpWarningRow[] } {
  const rows: HtpRow[] = [];
  const warning: HtpWarningRow[] = [];
  for (const { loaded, series } of docs) {
    const { file, kind, document } = loaded;
    document.results.forEach((r, i) => {
      const ctx: FieldContext = { file, kind, path: `results[${i}]` };
      rows.push({
        series,
        groupBy: optionalStringField(r, 'groupBy', ctx),
        group: stringField(r, 'group', ctx),
        level: stringField(r, 'level', ctx),
        count: numberField(r, 'count', ctx),
        denominator: numberField(r, 'denominator', ctx),
        percent: numberField(r, 'percent', ctx),
        wilsonLow: numberField(r, 'wilsonLow', ctx),
        wilsonHigh: numberField(r, 'wilsonHigh', ctx),
        bootLow: optionalNumberField(r, 'bootLow', ctx),
        bootHigh: optionalNumberField(r, 'bootHigh', ctx),
        paperPercent: optionalNumberField(r, 'paperPercent', ctx),
      });
    });
    const summaryCtx: FieldContext = { file, kind, path: 'summary' };
    const w = optionalObjectField(document.summary, 'warning', summaryCtx);
    if (w) {
      const ctx: FieldContext = { file, kind, path: 'summary.warning' };
      warning.push({
        series,
        n: optionalNumberField(document.summary ?? {}, 'n', summaryCtx) ?? NaN,
        count: numberField(w, 'count', ctx),
        percent: numberField(w, 'percent', ctx),
        wilsonLow: numberField(w, 'wilsonLow', ctx),
        wilsonHigh: numberField(w, 'wilsonHigh', ctx),
        paperPercent: optionalNumberField(w, 'paperPercent', ctx),
      });
    }
  }
  return { rows, warning };
}
