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

/** A text column. */
export function text(header: string): TableColumn {
  return { header, align: 'left' };
}

/** A numeric column. */
export function num(header: string): TableColumn {
  return { header, align: 'right' };
}

/** Whether a table needs a Device column: only when its rows come from more than one device or run. */
export function needsSeriesColumn(rows: readonly { series: string }[]): boolean {
  return new Set(rows.map((r) => r.series)).size > 1;
}
