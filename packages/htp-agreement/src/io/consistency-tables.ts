import { writeFileAtomic } from '@evalkit/core';
import { escapeMarkdownCell, toCsv } from '@evalkit/media-io';
import { join } from 'node:path';
import type { ConsistencyRow } from '../consistency-table';

/** Columns of the consistency CSV, in order (the htp-consistency result row fields). */
export const CONSISTENCY_COLUMNS = ['groupBy', 'group', 'level', 'count', 'denominator', 'percent', 'wilsonLow', 'wilsonHigh', 'bootLow', 'bootHigh', 'paperPercent'] as const;

/** CSV text of the consistency rows (columns CONSISTENCY_COLUMNS; missing values empty). */
export function consistencyCsv(rows: readonly (ConsistencyRow & { paperPercent?: number | null })[]): string {
  return toCsv(CONSISTENCY_COLUMNS, rows as unknown as readonly Record<string, unknown>[]);
}

function fmt(v: number | null | undefined, digits = 2): string {
  return v === null || v === undefined ? '–' : v.toFixed(digits);
}

/** Markdown table: one line per group and level with count, percent, Wilson and bootstrap intervals, and the paper's percent. */
export function consistencyMarkdown(rows: readonly (ConsistencyRow & { paperPercent?: number | null })[], title: string): string {
  const lines = [
    `# ${escapeMarkdownCell(title)}`,
    '',
    '| group | level | count | n | % | Wilson 95% | bootstrap 95% | paper % |',
    '|---|---|---:|---:|---:|---|---|---:|',
    ...rows.map(
      (r) =>
        `| ${escapeMarkdownCell(r.groupBy ? `${r.groupBy}=${r.group}` : r.group)} | ${escapeMarkdownCell(r.level)} | ${r.count} | ${r.denominator} | ${fmt(r.percent)} | [${fmt(r.wilsonLow)}, ${fmt(r.wilsonHigh)}] | ${r.bootLow === null ? '–' : `[${fmt(r.bootLow)}, ${fmt(r.bootHigh)}]`} | ${fmt(r.paperPercent)} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

/** Writes `<dir>/<stem>.csv` and `<dir>/<stem>.md` atomically; returns their paths. */
export function writeConsistencyTables(dir: string, stem: string, rows: readonly (ConsistencyRow & { paperPercent?: number | null })[], title: string): { csv: string; markdown: string } {
  const csv = join(dir, `${stem}.csv`);
  const markdown = join(dir, `${stem}.md`);
  writeFileAtomic(csv, consistencyCsv(rows));
  writeFileAtomic(markdown, consistencyMarkdown(rows, title));
  return { csv, markdown };
}
