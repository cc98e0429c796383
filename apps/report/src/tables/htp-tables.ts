import type { NormalizedReport } from '../model';
import { fixed, interval } from './format';
import { needsSeriesColumn, num, text, type Table } from './table';

/** Reproduction of PsyDraw's Table 1: consistency by group and level, ours with intervals next to the paper's. */
export function htpConsistencyTable(report: NormalizedReport): Table | null {
  if (report.htp.length === 0) return null;
  const withSeries = needsSeriesColumn(report.htp);
  return {
    id: 'htp-consistency',
    section: 'htp-consistency',
    title: 'HTP consistency (PsyDraw Table 1)',
    caption: 'Reports per consistency level and group: count, percentage with Wilson and bootstrap 95% intervals, and the percentage the PsyDraw paper prints.',
    columns: [
      ...(withSeries ? [text('Device')] : []),
      text('Group'),
      text('Level'),
      num('Count'),
      num('Of'),
      num('%'),
      num('Wilson 95%'),
      num('Bootstrap 95%'),
      num('Paper %'),
    ],
    rows: report.htp.map((r) => [
      ...(withSeries ? [r.series] : []),
      r.group,
      r.level,
      String(r.count),
      String(r.denominator),
      fixed(r.percent, 2),
      interval(r.wilsonLow, r.wilsonHigh, 2),
      interval(r.bootLow, r.bootHigh, 2),
      fixed(r.paperPercent, 2),
    ]),
  };
}

/** The share of Warning reports with its Wilson interval, next to the paper's. */
export function htpWarningTable(report: NormalizedReport): Table | null {
  if (report.htpWarning.length === 0) return null;
  const withSeries = needsSeriesColumn(report.htpWarning);
  return {
    id: 'htp-warning-share',
    section: 'htp-consistency',
    title: 'Share of Warning reports',
    caption: 'Warning reports among all reports, with the Wilson 95% interval, next to the share the PsyDraw paper reports.',
    columns: [...(withSeries ? [text('Device')] : []), num('Warning'), num('Of'), num('%'), num('Wilson 95%'), num('Paper %')],
    rows: report.htpWarning.map((w) => [
      ...(withSeries ? [w.series] : []),
      String(w.count),
      Number.isFinite(w.n) ? String(w.n) : '—',
      fixed(w.percent, 2),
      interval(w.wilsonLow, w.wilsonHigh, 2),
      fixed(w.paperPercent, 2),
    ]),
  };
}
