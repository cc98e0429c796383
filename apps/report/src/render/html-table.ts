import type { Table } from '../tables/table';
import { escapeHtml } from './html-escape';

/** A table as an HTML <table>; every cell is escaped (cells carry user strings such as model names). */
export function htmlTable(table: Table): string {
  const cls = (align: string) => (align === 'right' ? ' class="num"' : '');
  const head = table.columns.map((c) => `<th${cls(c.align)}>${escapeHtml(c.header)}</th>`).join('');
  const body = table.rows.map((r) => `<tr>${r.map((cell, i) => `<td${cls(table.columns[i]?.align ?? 'left')}>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('\n');
  return `<table class="data" id="table-${escapeHtml(table.id)}"><caption>${escapeHtml(table.title)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>\n<p class="caption">${escapeHtml(table.caption)}</p>${(table.notes ?? []).map((n) => `\n<p class="note">Note: ${escapeHtml(n)}</p>`).join('')}`;
}
