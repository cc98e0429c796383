import { writeFileAtomic } from '@evalkit/core';
import { escapeMarkdownCell, formatCsv, toCsv } from '@evalkit/media-io';
import { join } from 'node:path';
import type { ConsistencyRow } from '../consistency-table';

/** A consistency row with the paper's cell (printed and compared values, and a note where they differ). */
export type PaperConsistencyRow = ConsistencyRow & { paperPercent?: number | null; paperPrinted?: number | null; paperNote?: string | null };

/** What a table says about its data besides the rows: a label for the title (e.g. synthetic) and footnotes. */
export interface TableNotes {
  /** Appended to the title, e.g. "synthetic study". */
  label?: string | null;
  /** One footnote per line, after the rows. */
  footnotes?: readonly string[];
}

/** The mark of a paper cell that differs from what the paper prints. */
export const CORRECTED_MARK = '†';

/** Footnotes of a table: the caller's, then one per corrected paper cell. */
function footnotesOf(rows: readonly PaperConsistencyRow[], notes: TableNotes): string[] {
  const corrected = [...new Set(rows.flatMap((r) => (r.paperNote ? [`${CORRECTED_MARK} ${r.group}/${r.level}: ${r.paperNote}`] : [])))];
  return [...(notes.footnotes ?? []), ...corrected];
}

/** Columns of the consistency CSV, in order (the htp-consistency result row fields). */
export const CONSISTENCY_COLUMNS = ['groupBy', 'group', 'level', 'count', 'denominator', 'percent', 'wilsonLow', 'wilsonHigh', 'bootLow', 'bootHigh', 'paperPercent', 'paperPrinted'] as const;

/**
 * CSV text of the consistency rows (columns CONSISTENCY_COLUMNS; missing values empty), then one
 * footnote row per note (its text in the first cell), so a spreadsheet shows what the data is next
 * to the numbers.
 */
export function consistencyCsv(rows: readonly PaperConsistencyRow[], notes: TableNotes = {}): string {
  const footnotes = footnotesOf(rows, notes).map((n) => [`note: ${n}`, ...Array<string>(CONSISTENCY_COLUMNS.length - 1).fill('')]);
  return toCsv(CONSISTENCY_COLUMNS, rows as unknown as readonly Record<string, unknown>[]) + formatCsv(footnotes);
}

/** The paper column's text: the printed value, marked where the comparison uses a corrected one. */
function paperText(r: PaperConsistencyRow): string {
  const printed = r.paperPrinted !== undefined ? r.paperPrinted : r.paperPercent;
  return `${fmt(printed)}${r.paperNote ? ` ${CORRECTED_MARK}` : ''}`;
}

function fmt(v: number | null | undefined, digits = 2): string {
  return v === null || v === undefined ? '–' : v.toFixed(digits);
}

/** Markdown table: one line per group and level with count, percent, Wilson and bootstrap intervals, and the paper's printed percent; then the footnotes. */
export function consistencyMarkdown(rows: readonly PaperConsistencyRow[], title: string, notes: TableNotes = {}): string {
  const lines = [
    `# ${escapeMarkdownCell(title)}${notes.label ? ` (${escapeMarkdownCell(notes.label)})` : ''}`,
    '',
    '| group | level | count | n | % | Wilson 95% | bootstrap 95% | paper % |',
    '|---|---|---:|---:|---:|---|---|---:|',
    ...rows.map(
      (r) =>
        `| ${escapeMarkdownCell(r.groupBy ? `${r.groupBy}=${r.group}` : r.group)} | ${escapeMarkdownCell(r.level)} | ${r.count} | ${r.denominator} | ${fmt(r.percent)} | [${fmt(r.wilsonLow)}, ${fmt(r.wilsonHigh)}] | ${r.bootLow === null ? '–' : `[${fmt(r.bootLow)}, ${fmt(r.bootHigh)}]`} | ${paperText(r)} |`,
    ),
    '',
    ...footnotesOf(rows, notes).map((n) => `Note: ${n}\n`),
  ];
  return lines.join('\n');
}

/** Writes `<dir>/<stem>.csv` and `<dir>/<stem>.md` atomically; returns their paths. */
export function writeConsistencyTables(dir: string, stem: string, rows: readonly PaperConsistencyRow[], title: string, notes: TableNotes = {}): { csv: string; markdown: string } {
  const csv = join(dir, `${stem}.csv`);
  const markdown = join(dir, `${stem}.md`);
  writeFileAtomic(csv, consistencyCsv(rows, notes));
  writeFileAtomic(markdown, consistencyMarkdown(rows, title, notes));
  return { csv, markdown };
}
