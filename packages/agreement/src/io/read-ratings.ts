import { buildRatings, type LabelledRatings } from '../label-table';
import type { LevelSet } from '../levels';
import { readLabelFile } from './read-labels';

/** Reads a ratings CSV (long `case_id,rater,label` or wide `case_id,<rater>...`) into a ratings matrix (sizes checked by readLabelFile). */
export function readRatings(path: string, levels: LevelSet | null): LabelledRatings {
  const file = readLabelFile(path);
  if (file.format === 'structured') {
    // A structured file has no ratings to agree on; treat its signal column as the label.
    const rows = (file.structured ?? []).map((r) => ({ line: r.line, caseId: r.caseId, rater: r.rater, label: r.signal ?? '' }));
    return buildRatings({ ...file, format: 'long', rows }, levels);
  }
  return buildRatings(file, levels);
}
