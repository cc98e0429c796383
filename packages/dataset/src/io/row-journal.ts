import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import { canonicalConfig, type DatasetConfig } from '../config';
import type { PairRow } from '../pair';
import { decodePairRow, encodePairRow, inFile } from '../rows';

/** First line of a journal: what it is and the config its rows were computed with. */
const JOURNAL_ID = 'evalkit/recon-dataset-rows@1';

/** The rows a dataset run has finished so far, kept in a file so an interrupted run resumes. */
export interface RowJournal {
  readonly path: string;
  /** Rows recorded by earlier runs (each id once). */
  readonly rows: readonly PairRow[];
  /** Records a finished row now (one appended line). */
  append(row: PairRow): void;
  /** Deletes the journal (after the document holding its rows is written). */
  remove(): void;
}

/** Where the journal of a run writing `out` lives. */
export function journalPathFor(out: string): string {
  return `${out}.partial.jsonl`;
}

/**
 * Opens (or starts) the journal at `path` for a run of `config`. Rows are JSON lines appended as
 * pairs finish; a last line cut short by a kill is ignored (that pair is evaluated again). A journal
 * written for another config is refused: its rows would mix two settings in one document.
 */
export function openRowJournal(path: string, config: DatasetConfig): RowJournal {
  const header = JSON.stringify({ journal: JOURNAL_ID, config: canonicalConfig(config) });
  const rows: PairRow[] = [];
  if (existsSync(path)) {
    const lines = readFileSync(path, 'utf8').split('\n');
    if (lines[0] !== header) {
      throw new EvalkitError(
        ERROR_CODES.INVALID_ARGUMENT,
        'this unfinished run was started with other settings or another dataset; delete the file to start over, or rerun with the settings it was started with',
        { file: path, field: 'config', value: lines[0].slice(0, 200) },
      );
    }
    const seen = new Set<string>();
    const complete = lines.slice(1, -1);
    complete.forEach((line, k) => {
      if (line === '') return;
      const row = inFile(path, () => decodePairRow(line, `line ${k + 2}`));
      if (!seen.has(row.id)) rows.push(row);
      seen.add(row.id);
    });
    // a final line without its newline was cut short: its pair is evaluated again
    const last = lines[lines.length - 1];
    if (last !== '') appendFileSync(path, '\n');
  } else {
    appendFileSync(path, `${header}\n`);
  }
  return {
    path,
    rows,
    append(row) {
      appendFileSync(path, `${encodePairRow(row)}\n`);
    },
    remove() {
      rmSync(path, { force: true });
    },
  };
}
