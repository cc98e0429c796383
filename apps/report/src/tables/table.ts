import type { SectionKind } from '../model';

/** A column of a report table. */
export interface TableColumn {
  header: string;
  /** Numbers right-aligned, text left-aligned, as in a printed table. */
  align: 'left' | 'right';
}

/** A report table: already-formatted cells, rendered to Markdown, CSV, LaTeX and HTML. */
export interface Table {
  /** File stem, e.g. "decoder-throughput". */
  id: string;
  section: SectionKind;
  title: string;
  /** One sentence for the LaTeX caption and under the HTML table. */
  caption: string;
  columns: TableColumn[];
  rows: string[][];
  /** Footnotes that belong with the numbers (what the data is, a corrected paper cell): a last row in CSV and LaTeX, lines under Markdown and HTML tables. */
  notes?: string[];
}

/** A column of a table built from rows of type `R`: its header and alignment, and the cell it shows for a row. */
export interface RowColumn<R> extends TableColumn {
  cell: (row: R) => string;
}

/** A text column. */
export function text<R>(header: string, cell: (row: R) => string): RowColumn<R> {
  return { header, align: 'left', cell };
}

/** A numeric column. */
export function num<R>(header: string, cell: (row: R) => string): RowColumn<R> {
  return { header, align: 'right', cell };
}

/** What a table says about itself, besides its columns and rows. */
export type TableMeta = Omit<Table, 'columns' | 'rows'>;

/**
 * The table of `rows`, one cell per column, led by a Device column when the rows come from more
 * than one device or run (unless `deviceColumn` is false: the rows name their series another way);
 * null when there are no rows, so a section without data has no table.
 */
export function tableOf<R extends object>(meta: TableMeta, rows: readonly R[], columns: readonly RowColumn<R>[], deviceColumn = true): Table | null {
  if (rows.length === 0) return null;
  const series = (r: R): string => ('series' in r && typeof r.series === 'string' ? r.series : '');
  const all = deviceColumn && new Set(rows.map(series)).size > 1 ? [text('Device', series), ...columns] : columns;
  return { ...meta, columns: all.map(({ header, align }) => ({ header, align })), rows: rows.map((row) => all.map((c) => c.cell(row))) };
}
