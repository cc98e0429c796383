import type { HtpCostRow, HtpRow, HtpSafetyRow, HtpWarningRow, SeriesDocument } from '../model';
import { documentOf } from './document-of';

/**
 * Consistency cells with Wilson and bootstrap intervals and the paper's printed and compared values;
 * from the summary, the Warning share, the safety step's marks and the token cost (documents written
 * before those existed have none).
 */
export function normalizeHtp(docs: readonly SeriesDocument[]): { rows: HtpRow[]; warning: HtpWarningRow[]; safety: HtpSafetyRow[]; cost: HtpCostRow[] } {
  const rows: HtpRow[] = [];
  const warning: HtpWarningRow[] = [];
  const safety: HtpSafetyRow[] = [];
  const cost: HtpCostRow[] = [];
  for (const { loaded, series } of docs) {
    const document = documentOf(loaded, 'htp-consistency');
    for (const r of document.results) {
      rows.push({
        series,
        groupBy: r.groupBy,
        group: r.group,
        level: r.level,
        count: r.count,
        denominator: r.denominator,
        percent: r.percent,
        wilsonLow: r.wilsonLow,
        wilsonHigh: r.wilsonHigh,
        bootLow: r.bootLow,
        bootHigh: r.bootHigh,
        paperPercent: r.paperPercent,
        // Documents written before corrections carry only the compared value, which was then the printed one.
        paperPrinted: r.paperPrinted === undefined ? r.paperPercent : r.paperPrinted,
        paperNote: r.paperNote ?? null,
      });
    }
    const w = document.summary?.warning;
    if (w) {
      warning.push({
        series,
        n: document.summary?.n ?? NaN,
        count: w.count,
        percent: w.percent,
        wilsonLow: w.wilsonLow,
        wilsonHigh: w.wilsonHigh,
        paperPercent: w.paperPercent ?? null,
      });
    }
    for (const r of document.summary?.safety ?? []) {
      safety.push({ series, groupBy: r.groupBy, group: r.group, reports: r.reports, judged: r.judged, marked: r.marked, percent: r.percent, wilsonLow: r.wilsonLow, wilsonHigh: r.wilsonHigh });
    }
    for (const r of document.summary?.cost ?? []) {
      cost.push({ series, groupBy: r.groupBy, group: r.group, tokens: r.tokens, reports: r.reports, counted: r.counted, sum: r.sum, mean: r.mean, median: r.median, p95: r.p95 });
    }
  }
  return { rows, warning, safety, cost };
}
