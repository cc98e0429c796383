import { escapeMarkdownCell } from '@evalkit/media-io';
import type { Table } from '../tables/table';

/** A table as GitHub-flavoured Markdown, with its title as a heading and caption below. */
export function markdownTable(table: Table): string {
  const header = `| ${table.columns.map((c) => escapeMarkdownCell(c.header)).join(' | ')} |`;
  const rule = `| ${table.columns.map((c) => (c.align === 'right' ? '---:' : ':---')).join(' | ')} |`;
  const body = table.rows.map((r) => `| ${r.map(escapeMarkdownCell).join(' | ')} |`);
  const notes = (table.notes ?? []).map((n) => `\nNote: ${escapeMarkdownCell(n)}\n`).join('');
  return `### ${escapeMarkdownCell(table.title)}\n\n${[header, rule, ...body].join('\n')}\n\n${escapeMarkdownCell(table.caption)}\n${notes}`;
}
