import { ERROR_CODES, EvalkitError } from '@evalkit/core';

/** A parsed CSV: trimmed header names and data rows with their 1-based line numbers in the file. */
export interface CsvTable {
  header: string[];
  rows: { line: number; cells: string[] }[];
}

/**
 * Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF, a UTF-8 BOM). Blank lines are skipped.
 * A file with no header or no data row is an error naming the file.
 */
export function parseCsv(text: string, file: string): CsvTable {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    cells.push(field);
    if (!(cells.length === 1 && cells[0].trim() === '')) records.push({ line: recordLine, cells });
    cells = [];
    field = '';
  };
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === ',') {
      cells.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += ch;
  }
  if (quoted) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `unterminated quoted field starting on line ${recordLine}`, { file });
  if (field !== '' || cells.length > 0) endRecord();
  if (records.length === 0) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'empty file: expected a header line and at least one data row', { file });
  const header = records[0].cells.map((h) => h.trim());
  if (records.length === 1) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `empty file: header "${header.join(',')}" but no data rows`, { file });
  return { header, rows: records.slice(1).map((r) => ({ line: r.line, cells: r.cells.map((c) => c.trim()) })) };
}

/** A number as text ("-0.25", "1e-5", "12.5%", "-Infinity"): never a formula, whatever its sign. */
const NUMBER_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?%?$|^[-+]?Infinity$/i;

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled;
 * null and undefined are empty; numbers as String(n) (Infinity, -Infinity and NaN spelled out).
 * Text starting with = + - @ (or a tab or carriage return) would run as a formula in a
 * spreadsheet (OWASP "CSV injection"), so it gets a leading apostrophe; numbers are left alone.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !NUMBER_TEXT.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Options of the CSV writer. */
export interface CsvWriteOptions {
  /** Record separator: "\n" (default) or "\r\n" (RFC 4180's own). Every record ends with it. */
  newline?: '\n' | '\r\n';
}

/** Rows of cells (the first is usually the header) as CSV text. */
export function formatCsv(records: readonly (readonly unknown[])[], options: CsvWriteOptions = {}): string {
  const newline = options.newline ?? '\n';
  return records.map((r) => r.map(csvCell).join(',') + newline).join('');
}

/** Objects as CSV with a header of `columns`, one record per row, in column order; missing values empty. */
export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[], options: CsvWriteOptions = {}): string {
  return formatCsv([columns, ...rows.map((r) => columns.map((c) => r[c]))], options);
}
