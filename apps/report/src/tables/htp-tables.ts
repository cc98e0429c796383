import { MESSAGES } from '../messages';
import type { DataNote, NormalizedReport } from '../model';
import { fixed, interval, MISSING } from './format';
import { needsSeriesColumn, num, text, type Table } from './table';

/** The mark of a paper cell compared against a corrected value (the table prints what the paper prints). */
export const CORRECTED_MARK = '†';

/** A table's title with the data label ("synthetic study") when its section's documents carry one. */
export function labelledTitle(title: string, note: DataNote | null): string {
  return note ? `${title} — ${MESSAGES.syntheticLabel}` : title;
}

/** The data note as a footnote, naming the series it applies to when not all do. */
export function dataFootnote(note: DataNote | null): string[] {
  if (!note) return [];
  return [note.everySeries ? note.note : `${note.series.join(', ')}: ${note.note}`];
}

/** The data note as a sentence for a figure description or a page note ("Synthetic study constructed ... ."). */
export function dataNoteSentence(note: DataNote | null): string {
  if (!note) return '';
  const text = `${note.note[0].toUpperCase()}${note.note.slice(1)}`;
  return `${note.everySeries ? '' : `${note.series.join(', ')}: `}${text}.`;
}

/** A group as a table cell: "grade=3" for a user's column, the group name for Total and the signals. */
function groupCell(r: { groupBy: string | null; group: string }): string {
  return r.groupBy && r.groupBy !== 'signal' ? `${r.groupBy}=${r.group}` : r.group;
}

/** Reproduction of PsyDraw's Table 1: consistency by group and level, ours with intervals next to the paper's. */
export function htpConsistencyTable(report: NormalizedReport): Table | null {
  if (report.htp.length === 0) return null;
  const withSeries = needsSeriesColumn(report.htp);
  const note = report.dataNotes.htp;
  const corrections = [...new Set(report.htp.flatMap((r) => (r.paperNote ? [`${CORRECTED_MARK} ${r.group}/${r.level}: ${r.paperNote}`] : [])))];
  return {
    id: 'htp-consistency',
    section: 'htp-consistency',
    title: labelledTitle('HTP consistency (PsyDraw Table 1)', note),
    caption: `${note ? `${MESSAGES.syntheticCaption} ` : ''}Reports per consistency level and group: count, percentage with Wilson and bootstrap 95% intervals, and the percentage the PsyDraw paper prints${corrections.length > 0 ? ` (${CORRECTED_MARK}: compared against a corrected value, see the note)` : ''}.`,
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
      `${fixed(r.paperPrinted, 2)}${r.paperNote ? ` ${CORRECTED_MARK}` : ''}`,
    ]),
    notes: [...dataFootnote(note), ...corrections],
  };
}

/** The share of Warning reports with its Wilson interval, next to the paper's. */
export function htpWarningTable(report: NormalizedReport): Table | null {
  if (report.htpWarning.length === 0) return null;
  const withSeries = needsSeriesColumn(report.htpWarning);
  const note = report.dataNotes.htp;
  return {
    id: 'htp-warning-share',
    section: 'htp-consistency',
    title: labelledTitle('Share of Warning reports', note),
    caption: `${note ? `${MESSAGES.syntheticCaption} ` : ''}Warning reports among all reports, with the Wilson 95% interval, next to the share the PsyDraw paper reports.`,
    columns: [...(withSeries ? [text('Device')] : []), num('Warning'), num('Of'), num('%'), num('Wilson 95%'), num('Paper %')],
    rows: report.htpWarning.map((w) => [
      ...(withSeries ? [w.series] : []),
      String(w.count),
      Number.isFinite(w.n) ? String(w.n) : '—',
      fixed(w.percent, 2),
      interval(w.wilsonLow, w.wilsonHigh, 2),
      fixed(w.paperPercent, 2),
    ]),
    notes: dataFootnote(note),
  };
}

/** Reports the system's safety step marked abnormal, per group, with Wilson intervals. */
export function htpSafetyTable(report: NormalizedReport): Table | null {
  if (report.htpSafety.length === 0) return null;
  const withSeries = needsSeriesColumn(report.htpSafety);
  const note = report.dataNotes.htp;
  return {
    id: 'htp-safety',
    section: 'htp-consistency',
    title: labelledTitle('Reports marked abnormal by the safety step', note),
    caption: `${note ? `${MESSAGES.syntheticCaption} ` : ''}Reports the system's review step marked abnormal (PsyDraw: classification false, a fixed safety text replaces the signal), among the reports that carry a verdict, with Wilson 95% intervals.`,
    columns: [...(withSeries ? [text('Device')] : []), text('Group'), num('Reports'), num('With verdict'), num('Marked'), num('%'), num('Wilson 95%')],
    rows: report.htpSafety.map((r) => [
      ...(withSeries ? [r.series] : []),
      groupCell(r),
      String(r.reports),
      String(r.judged),
      String(r.marked),
      fixed(r.percent, 2),
      interval(r.wilsonLow, r.wilsonHigh, 2),
    ]),
    notes: dataFootnote(note),
  };
}

/** Whole tokens with thousands separators. */
function tokens(v: number | null): string {
  return v === null || !Number.isFinite(v) ? MISSING : Math.round(v).toLocaleString('en-US');
}

/** Token cost of the reports per group: sum, and per report mean, median and 95th percentile. */
export function htpCostTable(report: NormalizedReport): Table | null {
  if (report.htpCost.length === 0) return null;
  const withSeries = needsSeriesColumn(report.htpCost);
  const note = report.dataNotes.htp;
  return {
    id: 'htp-cost',
    section: 'htp-consistency',
    title: labelledTitle('Token cost of the reports', note),
    caption: `${note ? `${MESSAGES.syntheticCaption} ` : ''}Tokens the system used per report (its usage record), summed over each group and per report (mean, median, 95th percentile), over the reports that record them.`,
    columns: [...(withSeries ? [text('Device')] : []), text('Group'), text('Tokens'), num('Reports'), num('Counted'), num('Sum'), num('Mean'), num('Median'), num('p95')],
    rows: report.htpCost.map((r) => [
      ...(withSeries ? [r.series] : []),
      groupCell(r),
      r.tokens,
      String(r.reports),
      String(r.counted),
      tokens(r.sum),
      tokens(r.mean),
      tokens(r.median),
      tokens(r.p95),
    ]),
    notes: dataFootnote(note),
  };
}
