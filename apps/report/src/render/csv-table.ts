import type { Table } from '../tables/table';

/** Quotes a CSV field when it holds a comma, quote or line break (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A table as RFC 4180 CSV with a header row (CRLF line ends, as the RFC asks); each note a last row, its text in the first cell. */
export function csvTable(table: Table): string {
  const notes = (table.notes ?? []).map((n) => [`Note: ${n}`, ...Array<string>(Math.max(0, table.columns.length - 1)).fill('')]);
  return [table.columns.map((c) => c.header), ...table.rows, ...notes].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
