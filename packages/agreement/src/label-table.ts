import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import { encodeLabels, inferLevels, MISSING, type LevelSet } from './levels';
import { listOffending } from './offending';
import type { RatingsMatrix } from './ratings-matrix';

/** One expert label: which case, which rater, the label text, and its line in the file. */
export interface LabelRow {
  line: number;
  caseId: string;
  rater: string;
  /** Label text; blank / NA / "unrated" mean explicitly not rated. */
  label: string;
}

/** One structured expert judgement (signal plus feature tags) from a structured label file. */
export interface StructuredRow {
  line: number;
  caseId: string;
  rater: string;
  signal: string | null;
  tags: Record<string, string>;
}

/** A label file as read by readLabelFile. */
export interface LabelFile {
  file: string;
  format: 'long' | 'wide' | 'structured';
  /** Raters in order of first appearance. */
  raters: string[];
  /** Ratings (long and wide layouts). */
  rows: LabelRow[];
  /** Structured judgements (structured layout only). */
  structured?: StructuredRow[];
  /** Case attributes from extra columns of the long layout (case id -> column -> value). */
  attributes: Map<string, Record<string, string>>;
  /** Every row says `synthetic: true` (made-up data, such as evalkit's synthetic study). */
  synthetic?: boolean;
}

/** A ratings matrix with the case ids and rater names its rows and columns stand for. */
export interface LabelledRatings {
  matrix: RatingsMatrix;
  caseIds: string[];
  raters: string[];
}

/**
 * Turns label rows into a RatingsMatrix over `caseOrder` (default: order of first appearance),
 * encoding labels against declared levels, or, when none are declared, levels inferred without
 * alphabetical sorting. Unknown labels are an error listing every offending row.
 */
export function buildRatings(file: LabelFile, levels: LevelSet | null, caseOrder?: readonly string[]): LabelledRatings {
  const set: LevelSet = levels ?? { levels: inferLevels(file.rows.map((r) => r.label)).levels };
  const { codes, unknown } = encodeLabels(
    file.rows.map((r) => r.label),
    set,
  );
  if (unknown.length > 0) {
    const accepted = [...set.levels, ...Object.keys(set.aliases ?? {})].map((s) => JSON.stringify(s)).join(', ');
    throw new EvalkitError(
      ERROR_CODES.INVALID_INPUT,
      `unknown labels (accepted: ${accepted}; blank or NA = not rated):\n${listOffending(unknown.map((u) => `line ${file.rows[u.index].line}: case ${JSON.stringify(file.rows[u.index].caseId)} rater ${JSON.stringify(file.rows[u.index].rater)} label ${JSON.stringify(u.value)}`))}`,
      { file: file.file, field: 'label', value: unknown[0].value },
    );
  }
  const caseIds = caseOrder ? [...caseOrder] : [...new Set(file.rows.map((r) => r.caseId))];
  const caseIndex = new Map(caseIds.map((id, i) => [id, i]));
  const raterIndex = new Map(file.raters.map((r, i) => [r, i]));
  const matrix = new Int32Array(caseIds.length * file.raters.length).fill(MISSING);
  file.rows.forEach((r, i) => {
    const c = caseIndex.get(r.caseId);
    if (c === undefined) return;
    matrix[c * file.raters.length + raterIndex.get(r.rater)!] = codes[i];
  });
  if (caseIds.length === 0) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'no cases with labels', { file: file.file });
  return { matrix: { levels: [...set.levels], cases: caseIds.length, raters: file.raters.length, codes: matrix }, caseIds, raters: [...file.raters] };
}
