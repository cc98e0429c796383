import { MESSAGES } from '../messages';
import type { DataNote, NormalizedReport } from '../model';
import { fixed, interval, MISSING } from './format';
import { num, tableOf, text, type Table, type TableMeta } from './table';

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

/** The meta of an HTP table: its title labelled and its caption opened with the data note, the note as a footnote. */
function htpMeta(report: NormalizedReport, id: string, title: string, caption: string, notes: string[] = []): TableMeta {
  const note = report.dataNotes.htp;
  return { id, section: 'htp-consistency', title: labelledTitle(title, note), caption: `${note ? `${MESSAGES.syntheticCaption} ` : ''}${caption}`, notes: [...dataFootnote(note), ...notes] };
}

/** Reproduction of PsyDraw's Table 1: consistency by group and level, ours with intervals next to the paper's. */
export function htpConsistencyTable(report: NormalizedReport): Table | null {
  const corrections = [...new Set(report.htp.flatMap((r) => (r.paperNote ? [`${CORRECTED_MARK} ${r.group}/${r.level}: ${r.paperNote}`] : [])))];
  const caption = `Reports per consistency level and group: count, percentage with Wilson and bootstrap 95% intervals, and the percentage the PsyDraw paper prints${corrections.length > 0 ? ` (${CORRECTED_MARK}: compared against a corrected value, see the note)` : ''}.`;
  return tableOf(htpMeta(report, 'htp-consistency', 'HTP consistency (PsyDraw Table 1)', caption, corrections), report.htp, [
    text('Group', (r) => r.group),
    text('Level', (r) => r.level),
    num('Count', (r) => String(r.count)),
    num('Of', (r) => String(r.denominator)),
    num('%', (r) => fixed(r.percent, 2)),
    num('Wilson 95%', (r) => interval(r.wilsonLow, r.wilsonHigh, 2)),
    num('Bootstrap 95%', (r) => interval(r.bootLow, r.bootHigh, 2)),
    num('Paper %', (r) => `${fixed(r.paperPrinted, 2)}${r.paperNote ? ` ${CORRECTED_MARK}` : ''}`),
  ]);
}

/** The share of Warning reports with its Wilson interval, next to the paper's. */
export function htpWarningTable(report: NormalizedReport): Table | null {
  const caption = 'Warning reports among all reports, with the Wilson 95% interval, next to the share the PsyDraw paper reports.';
  return tableOf(htpMeta(report, 'htp-warning-share', 'Share of Warning reports', caption), report.htpWarning, [
    num('Warning', (w) => String(w.count)),
    num('Of', (w) => (Number.isFinite(w.n) ? String(w.n) : '—')),
    num('%', (w) => fixed(w.percent, 2)),
    num('Wilson 95%', (w) => interval(w.wilsonLow, w.wilsonHigh, 2)),
    num('Paper %', (w) => fixed(w.paperPercent, 2)),
  ]);
}

/** Reports the system's safety step marked abnormal, per group, with Wilson intervals. */
export function htpSafetyTable(report: NormalizedReport): Table | null {
  const caption = "Reports the system's review step marked abnormal (PsyDraw: classification false, a fixed safety text replaces the signal), among the reports that carry a verdict, with Wilson 95% intervals.";
  return tableOf(htpMeta(report, 'htp-safety', 'Reports marked abnormal by the safety step', caption), report.htpSafety, [
    text('Group', groupCell),
    num('Reports', (r) => String(r.reports)),
    num('With verdict', (r) => String(r.judged)),
    num('Marked', (r) => String(r.marked)),
    num('%', (r) => fixed(r.percent, 2)),
    num('Wilson 95%', (r) => interval(r.wilsonLow, r.wilsonHigh, 2)),
  ]);
}

/** Whole tokens with thousands separators. */
function tokens(v: number | null): string {
  return v === null || !Number.isFinite(v) ? MISSING : Math.round(v).toLocaleString('en-US');
}

/** Token cost of the reports per group: sum, and per report mean, median and 95th percentile. */
export function htpCostTable(report: NormalizedReport): Table | null {
  const caption = 'Tokens the system used per report (its usage record), summed over each group and per report (mean, median, 95th percentile), over the reports that record them.';
  return tableOf(htpMeta(report, 'htp-cost', 'Token cost of the reports', caption), report.htpCost, [
    text('Group', groupCell),
    text('Tokens', (r) => r.tokens),
    num('Reports', (r) => String(r.reports)),
    num('Counted', (r) => String(r.counted)),
    num('Sum', (r) => tokens(r.sum)),
    num('Mean', (r) => tokens(r.mean)),
    num('Median', (r) => tokens(r.median)),
    num('p95', (r) => tokens(r.p95)),
  ]);
}
