import type { HtpRow, HtpWarningRow, LoadedDocument } from '../model';
import { documentOf } from './document-of';

/** Consistency cells with Wilson and bootstrap intervals, and the Warning share from the summary. */
export function normalizeHtp(docs: readonly { loaded: LoadedDocument; series: string }[]): { rows: HtpRow[]; warning: HtpWarningRow[] } {
  const rows: HtpRow[] = [];
  const warning: HtpWarningRow[] = [];
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
  }
  return { rows, warning };
}
