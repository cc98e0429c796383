import { documentKind, ERROR_CODES, EvalkitError, type ResultDocument } from '@evalkit/core';
import { independentRatioInterval, type Interval } from '../stats/bootstrap';

/** A result document and the file it came from. */
export interface SourcedResult {
  source: string;
  doc: ResultDocument;
}

/** What a change of one row means, as pyperf compare_to and criterion say it. */
export type Verdict = 'faster' | 'slower' | 'no significant change' | 'no interval';

/** One row present in both documents. */
export interface ComparedChange {
  /** The row's identity (model, or variant/shape/implementation/part). */
  row: string;
  aMedianMs: number;
  aCi95Ms: Interval | null;
  bMedianMs: number;
  bCi95Ms: Interval | null;
  /** median(B) / median(A): below 1, B is faster. */
  ratio: number;
  /** 95% bootstrap interval of the ratio (the runs are independent: each side resampled on its own). */
  ratioCi95: Interval | null;
  verdict: Verdict;
  /** Either side was flagged unstable when it was measured. */
  unstable: boolean;
}

/** `evalkit compare A.json B.json`: every common row's change, with what only one side has. */
export interface DocumentComparison {
  kind: string;
  a: string;
  b: string;
  /** Changes within ± this fraction are never called faster or slower (criterion's default, 2%). */
  noise: number;
  changes: ComparedChange[];
  onlyInA: string[];
  onlyInB: string[];
}

/** How rows of each benchmark kind are told apart. */
const IDENTITY: Record<string, string[]> = {
  'decoder-bench': ['model', 'height', 'width', 'latentFrames', 'widthMult'],
  'kernel-bench': ['variant', 'shapeLabel', 'implementation', 'part'],
};

function rowKey(row: Record<string, unknown>, fields: readonly string[]): string {
  return fields.map((f) => String(row[f])).join(' ');
}

function numbers(v: unknown): number[] | null {
  return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number' && Number.isFinite(x)) ? (v as number[]) : null;
}

function interval(v: unknown): Interval | null {
  const n = numbers(v);
  return n && n.length === 2 ? [n[0], n[1]] : null;
}

/** The verdict of a ratio B/A with its interval under a noise threshold. */
export function verdictOf(ratio: number, ci: Interval | null, noise: number): Verdict {
  if (ci === null) return 'no interval';
  if (ci[1] < 1 && ratio < 1 - noise) return 'faster';
  if (ci[0] > 1 && ratio > 1 + noise) return 'slower';
  return 'no significant change';
}

/**
 * Compares two documents of the same benchmark kind row by row: the ratio of medians B/A, its 95%
 * bootstrap interval from both documents' raw samples, and a verdict — faster or slower only when
 * the interval excludes 1 and the change exceeds the noise threshold, as pyperf's compare_to and
 * criterion's change detection do.
 */
export function compareDocuments(a: SourcedResult, b: SourcedResult, options: { noise?: number } = {}): DocumentComparison {
  const noise = options.noise ?? 0.02;
  const kind = documentKind(a.doc);
  const kindB = documentKind(b.doc);
  const fields = kind === undefined ? undefined : IDENTITY[kind];
  if (!fields) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `not a benchmark document that compare knows (${Object.keys(IDENTITY).join(', ')})`, { file: a.source, field: 'schema', value: a.doc.schema });
  if (kindB !== kind) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `documents of different kinds cannot be compared (${a.source} is ${kind})`, { file: b.source, field: 'schema', value: b.doc.schema });
  const timed = (doc: ResultDocument) => new Map(doc.results.filter((r) => typeof r.medianMs === 'number' && Number.isFinite(r.medianMs)).map((r) => [rowKey(r, fields), r] as const));
  const ra = timed(a.doc);
  const rb = timed(b.doc);
  const changes: ComparedChange[] = [];
  for (const [key, x] of ra) {
    const y = rb.get(key);
    if (!y) continue;
    const ratio = (y.medianMs as number) / (x.medianMs as number);
    const sa = numbers(x.samplesMs);
    const sb = numbers(y.samplesMs);
    const ci = sa && sb ? independentRatioInterval(sb, sa) : null;
    changes.push({
      row: key,
      aMedianMs: x.medianMs as number,
      aCi95Ms: interval(x.medianCi95Ms),
      bMedianMs: y.medianMs as number,
      bCi95Ms: interval(y.medianCi95Ms),
      ratio,
      ratioCi95: ci,
      verdict: verdictOf(ratio, ci, noise),
      unstable: x.unstable === true || y.unstable === true,
    });
  }
  return { kind: kind!, a: a.source, b: b.source, noise, changes, onlyInA: [...ra.keys()].filter((k) => !rb.has(k)), onlyInB: [...rb.keys()].filter((k) => !ra.has(k)) };
}
