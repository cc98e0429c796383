import { formatCsv } from '@evalkit/media-io';
import type { Table } from '../tables/table';

/** A table as RFC 4180 CSV with a header row (CRLF line ends, as the RFC asks); each note a last row, its text in the first cell. */
export function csvTable(table: Table): string {
  const notes = (table.notes ?? []).map((n) => [`Note: ${n}`, ...Array<string>(Math.max(0, table.columns.length - 1)).fill('')]);
  return formatCsv([table.columns.map((c) => c.header), ...table.rows, ...notes], { newline: '\r\n' });
}
