import { formatCsv } from '@evalkit/media-io';
import type { Table } from '../tables/table';

/** A table as RFC 4180 CSV with a header row (CRLF line ends, as the RFC asks). */
export function csvTable(table: Table): string {
  return formatCsv([table.columns.map((c) => c.header), ...table.rows], { newline: '\r\n' });
}
