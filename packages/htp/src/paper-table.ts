import { ERROR_CODES, EvalkitError, paperDir, readPaperValues, type PsydrawPaper } from '@evalkit/core';
import { join } from 'node:path';

/** A paper cell evalkit compares against a value other than the one printed, and why. */
export interface PaperCorrection {
  group: string;
  level: string;
  printed: number;
  used: number;
  why: string;
}

/** The paper's Table 1: percent per group ("Total", "Warning", "Observation") and level, and the Warning share. */
export interface PaperTable {
  source: string;
  /** The percentages compared against (corrections applied). */
  percent: Record<string, Record<string, number>>;
  warningPercent: number | null;
  /** Cells where the printed table differs from `percent`. */
  corrections: PaperCorrection[];
}

/** What a table's paper column shows for one cell: the printed value, the value compared against, and a note where they differ. */
export interface PaperCell {
  paperPercent: number | null;
  paperPrinted: number | null;
  paperNote: string | null;
}

/**
 * The paper's Table 1 from core's one reader of fixtures/paper (psydraw.json); absent values are an
 * error here because the study's document always carries the paper column it was compared with.
 */
export function readPaperTable(paper: PsydrawPaper | null = readPaperValues().psydraw): PaperTable {
  if (!paper) throw new EvalkitError(ERROR_CODES.FILE_NOT_FOUND, 'paper reference values not found', { file: join(paperDir(), 'psydraw.json') });
  return { source: paper.source, percent: paper.percent, warningPercent: paper.warningShare?.percent ?? null, corrections: paper.corrections ?? [] };
}

/** The paper's cell for a group and level: printed and compared values, with the correction's reason where they differ. */
export function paperCell(paper: PaperTable | null, group: string | null, level: string): PaperCell {
  const used = group === null || !paper ? null : (paper.percent[group]?.[level] ?? null);
  const fix = paper?.corrections.find((c) => c.group === group && c.level === level);
  return { paperPercent: used, paperPrinted: fix ? fix.printed : used, paperNote: fix ? `compared with ${fix.used.toFixed(2)}. ${fix.why}` : null };
}
