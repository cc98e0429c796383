import type { HtpCostRow, HtpRow, HtpSafetyRow, HtpWarningRow, LoadedDocument } from '../model';
import { numberField, optionalArrayField, optionalNumberField, optionalObjectField, optionalStringField, stringField, type FieldContext } from './fields';

/**
 * Consistency cells with Wilson and bootstrap intervals and the paper's printed and compared values;
 * from the summary, the Warning share, the safety step's marks and the token cost (documents written
 * before those existed have none).
 */
export function normalizeHtp(docs: readonly { loaded: LoadedDocument; series: string }[]): { rows: HtpRow[]; warning: HtpWarningRow[]; safety: HtpSafetyRow[]; cost: HtpCostRow[] } {
  const rows: HtpRow[] = [];
  const warning: HtpWarningRow[] = [];
  const safety: HtpSafetyRow[] = [];
  const cost: HtpCostRow[] = [];
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
        paperPrinted: r.paperPrinted === undefined ? optionalNumberField(r, 'paperPercent', ctx) : optionalNumberField(r, 'paperPrinted', ctx),
        paperNote: optionalStringField(r, 'paperNote', ctx),
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
    optionalArrayField(document.summary, 'safety', summaryCtx).forEach((r, i) => {
      const ctx: FieldContext = { file, kind, path: `summary.safety[${i}]` };
      safety.push({
        series,
        groupBy: optionalStringField(r, 'groupBy', ctx),
        group: stringField(r, 'group', ctx),
        reports: numberField(r, 'reports', ctx),
        judged: numberField(r, 'judged', ctx),
        marked: numberField(r, 'marked', ctx),
        percent: optionalNumberField(r, 'percent', ctx),
        wilsonLow: optionalNumberField(r, 'wilsonLow', ctx),
        wilsonHigh: optionalNumberField(r, 'wilsonHigh', ctx),
      });
    });
    optionalArrayField(document.summary, 'cost', summaryCtx).forEach((r, i) => {
      const ctx: FieldContext = { file, kind, path: `summary.cost[${i}]` };
      cost.push({
        series,
        groupBy: optionalStringField(r, 'groupBy', ctx),
        group: stringField(r, 'group', ctx),
        tokens: stringField(r, 'tokens', ctx),
        reports: numberField(r, 'reports', ctx),
        counted: numberField(r, 'counted', ctx),
        sum: numberField(r, 'sum', ctx),
        mean: optionalNumberField(r, 'mean', ctx),
        median: optionalNumberField(r, 'median', ctx),
        p95: optionalNumberField(r, 'p95', ctx),
      });
    });
  }
  return { rows, warning, safety, cost };
}
