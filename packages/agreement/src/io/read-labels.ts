import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { parseCsv, type CsvTable } from '@evalkit/media-io';
import { checkRatingsSize, RATINGS_LIMITS } from './ratings-limits';
import { listOffending } from '../offending';
import type { LabelFile, LabelRow, StructuredRow } from '../label-table';

/** Column names that identify a case. */
const CASE_COLUMNS = ['case_id', 'case', 'id'];

/**
 * Reads an expert label CSV in one of three layouts, told apart by the header:
 * - long: `case_id,rater,label[,attribute...]` (extra columns are case attributes such as grade);
 * - wide: `case_id,<rater>,<rater>...` (every other column is a rater);
 * - structured: `case_id[,rater],signal,<feature>...` (expert Warning/Observation plus feature tags).
 * A `synthetic` column marks made-up data and belongs to no layout (see takeSyntheticColumn).
 * Duplicate rows, blank case ids and inconsistent attributes are errors listing the offending lines;
 * a file above RATINGS_LIMITS (bytes, raters, cases) is refused naming the limit.
 */
export function readLabelFile(path: string): LabelFile {
  if (!existsSync(path)) throw new EvalkitError(ERROR_CODES.FILE_NOT_FOUND, 'no such file', { file: path });
  const stat = statSync(path);
  if (stat.isDirectory()) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'expected a CSV file, got a directory', { file: path });
  if (stat.size > RATINGS_LIMITS.fileBytes) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `${stat.size} bytes is above the limit of ${RATINGS_LIMITS.fileBytes} bytes for a label file`, { file: path, field: 'size', value: stat.size });
  const table = parseCsv(readFileSync(path, 'utf8'), path);
  const { header, rows, synthetic } = takeSyntheticColumn(table.header, table.rows, path);
  const file = readLayout(path, header, rows);
  // Checked here, before a matrix or the pairwise statistics are allocated, so every reader of
  // label files (agreement, htp evaluate) refuses the same sizes.
  const cases = new Set(file.format === 'structured' ? (file.structured ?? []).map((r) => r.caseId) : file.rows.map((r) => r.caseId)).size;
  checkRatingsSize(path, file.raters.length, cases);
  return { ...file, synthetic };
}

/**
 * Takes the `synthetic` column out of a label table: it marks made-up data (evalkit's synthetic study
 * writes `true` on every row) and is neither a rater, a case attribute nor a feature. The file counts
 * as synthetic when every row says true.
 */
function takeSyntheticColumn(header: string[], rows: CsvTable['rows'], path: string): { header: string[]; rows: CsvTable['rows']; synthetic: boolean } {
  const col = header.findIndex((h) => h.toLowerCase() === 'synthetic');
  if (col < 0) return { header, rows, synthetic: false };
  const bad = rows.filter((r) => !/^(true|false|)$/i.test(r.cells[col] ?? ''));
  if (bad.length > 0) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `the synthetic column holds true, false or nothing:\n${listOffending(bad.map((r) => `line ${r.line}: ${JSON.stringify(r.cells[col])}`))}`, { file: path, field: 'synthetic', value: bad[0].cells[col] });
  const drop = <T>(cells: T[]) => cells.filter((_, i) => i !== col);
  return {
    header: drop(header),
    rows: rows.map((r) => ({ ...r, cells: r.cells.length === header.length ? drop(r.cells) : r.cells })),
    synthetic: rows.length > 0 && rows.every((r) => r.cells[col]?.toLowerCase() === 'true'),
  };
}

/** Reads the layout (long, wide or structured) of a parsed label table. */
function readLayout(path: string, header: string[], rows: CsvTable['rows']): Omit<LabelFile, 'synthetic'> {
  const lower = header.map((h) => h.toLowerCase());
  const caseCol = lower.findIndex((h) => CASE_COLUMNS.includes(h));
  if (caseCol < 0) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `no case id column: expected one of ${CASE_COLUMNS.join(', ')} in the header`, { file: path, field: 'header', value: header.join(',') });
  const dupHeader = header.filter((h, i) => header.indexOf(h) !== i);
  if (dupHeader.length > 0) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `duplicate column names in the header: ${[...new Set(dupHeader)].join(', ')}`, { file: path, field: 'header' });
  const raterCol = lower.indexOf('rater');
  const labelCol = lower.indexOf('label');
  const signalCol = lower.indexOf('signal');
  const short = rows.filter((r) => r.cells.length !== header.length);
  if (short.length > 0) {
    throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `rows with a wrong number of cells (header has ${header.length}):\n${listOffending(short.map((r) => `line ${r.line}: ${r.cells.length} cells`))}`, { file: path });
  }
  const blank = rows.filter((r) => r.cells[caseCol] === '');
  if (blank.length > 0) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `rows without a case id:\n${listOffending(blank.map((r) => `line ${r.line}`))}`, { file: path, field: header[caseCol] });

  if (labelCol >= 0 || (signalCol >= 0 && raterCol >= 0) || signalCol >= 0) {
    const structured = labelCol < 0 && signalCol >= 0;
    const keyOf = (cells: string[]) => `${cells[caseCol]}\u0000${raterCol >= 0 ? cells[raterCol] : ''}`;
    const seen = new Map<string, number>();
    const dups: string[] = [];
    for (const r of rows) {
      const key = keyOf(r.cells);
      const first = seen.get(key);
      if (first !== undefined) dups.push(`line ${r.line}: case ${JSON.stringify(r.cells[caseCol])}${raterCol >= 0 ? ` rater ${JSON.stringify(r.cells[raterCol])}` : ''} already on line ${first}`);
      else seen.set(key, r.line);
    }
    if (dups.length > 0) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `duplicate rows (one label per case and rater):\n${listOffending(dups)}`, { file: path });
    const blankRater = raterCol >= 0 ? rows.filter((r) => r.cells[raterCol] === '') : [];
    if (blankRater.length > 0) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `rows without a rater:\n${listOffending(blankRater.map((r) => `line ${r.line}`))}`, { file: path, field: 'rater' });
    const rater = (cells: string[]) => (raterCol >= 0 ? cells[raterCol] : structured ? 'expert' : 'rater');
    const skip = new Set([caseCol, raterCol, labelCol, signalCol].filter((c) => c >= 0));
    const extra = header.map((_, i) => i).filter((i) => !skip.has(i));
    if (structured) {
      const structuredRows: StructuredRow[] = rows.map((r) => ({
        line: r.line,
        caseId: r.cells[caseCol],
        rater: rater(r.cells),
        signal: r.cells[signalCol] === '' ? null : r.cells[signalCol],
        tags: Object.fromEntries(extra.map((i) => [header[i], r.cells[i]])),
      }));
      return { file: path, format: 'structured', rows: [], structured: structuredRows, attributes: new Map(), raters: [...new Set(structuredRows.map((r) => r.rater))] };
    }
    const labelRows: LabelRow[] = rows.map((r) => ({ line: r.line, caseId: r.cells[caseCol], rater: rater(r.cells), label: r.cells[labelCol] }));
    const attributes = new Map<string, Record<string, string>>();
    const conflicts: string[] = [];
    for (const r of rows) {
      const id = r.cells[caseCol];
      const prev = attributes.get(id);
      const mine = Object.fromEntries(extra.map((i) => [header[i], r.cells[i]]));
      if (!prev) attributes.set(id, mine);
      else for (const i of extra) if (prev[header[i]] !== r.cells[i]) conflicts.push(`line ${r.line}: case ${JSON.stringify(id)} has ${header[i]}=${JSON.stringify(r.cells[i])} but an earlier row says ${JSON.stringify(prev[header[i]])}`);
    }
    if (conflicts.length > 0) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `case attributes differ between rows of one case:\n${listOffending(conflicts)}`, { file: path });
    return { file: path, format: 'long', rows: labelRows, attributes, raters: [...new Set(labelRows.map((r) => r.rater))] };
  }

  // Wide: every column but the case id is a rater.
  const raters = header.filter((_, i) => i !== caseCol);
  if (raters.length === 0) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'no rater columns: a wide label file needs case_id and one column per rater (or use case_id,rater,label)', { file: path, field: 'header', value: header.join(',') });
  const seen = new Map<string, number>();
  const dups: string[] = [];
  for (const r of rows) {
    const first = seen.get(r.cells[caseCol]);
    if (first !== undefined) dups.push(`line ${r.line}: case ${JSON.stringify(r.cells[caseCol])} already on line ${first}`);
    else seen.set(r.cells[caseCol], r.line);
  }
  if (dups.length > 0) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `duplicate rows (one row per case in the wide layout):\n${listOffending(dups)}`, { file: path });
  const labelRows: LabelRow[] = [];
  for (const r of rows) header.forEach((h, i) => i !== caseCol && labelRows.push({ line: r.line, caseId: r.cells[caseCol], rater: h, label: r.cells[i] }));
  return { file: path, format: 'wide', rows: labelRows, attributes: new Map(), raters };
}
