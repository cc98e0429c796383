import { documentKind, ERROR_CODES, EvalkitError, validateResultDocumentOfKind, type KindDocument } from '@evalkit/core';
import { independentRatioInterval, type Interval } from '../stats/bootstrap';
import { finiteOrNull, type SourcedDocument } from './sourced-document';

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

/** The timing fields compare reads from a row of either benchmark kind. */
interface TimedRow {
  medianMs: number | null;
  medianCi95Ms?: Interval;
  samplesMs?: number[];
  unstable?: boolean;
}

/** How rows of each benchmark kind are told apart. */
const IDENTITY = {
  'decoder-bench': (r: KindDocument<'decoder-bench'>['results'][number]) => [r.model, r.height, r.width, r.latentFrames, r.widthMult].map(String).join(' '),
  'kernel-bench': (r: KindDocument<'kernel-bench'>['results'][number]) => [r.variant, r.shapeLabel, r.implementation, r.part].join(' '),
};
type ComparedKind = keyof typeof IDENTITY;

/** A document's timed rows by identity, parsed with its kind's schema (a mistyped row is refused naming results[i].field). */
function timedRows(d: SourcedDocument, kind: ComparedKind): Map<string, TimedRow> {
  const rows = new Map<string, TimedRow>();
  if (kind === 'decoder-bench') {
    for (const r of validateResultDocumentOfKind(d.doc, kind, d.source).results) rows.set(IDENTITY[kind](r), r);
  } else {
    for (const r of validateResultDocumentOfKind(d.doc, kind, d.source).results) rows.set(IDENTITY[kind](r), r);
  }
  for (const [key, r] of rows) if (finiteOrNull(r.medianMs) === null) rows.delete(key);
  return rows;
}

/** Raw samples when every one is a finite number (a bootstrap needs them all). */
const finiteSamples = (v: number[] | undefined): number[] | null => (v && v.length > 0 && v.every(Number.isFinite) ? v : null);
/** An interval with finite ends, or null. */
const finiteInterval = (v: Interval | undefined): Interval | null => (v && Number.isFinite(v[0]) && Number.isFinite(v[1]) ? v : null);

const isComparedKind = (kind: string): kind is ComparedKind => Object.prototype.hasOwnProperty.call(IDENTITY, kind);

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
export function compareDocuments(a: SourcedDocument, b: SourcedDocument, options: { noise?: number } = {}): DocumentComparison {
  const noise = options.noise ?? 0.02;
  const schemaOf = (d: SourcedDocument) => {
    const schema = typeof d.doc === 'object' && d.doc !== null ? (d.doc as { schema?: unknown }).schema : undefined;
    return typeof schema === 'string' ? schema : '';
  };
  const kind = documentKind({ schema: schemaOf(a) });
  if (!isComparedKind(kind)) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `not a benchmark document that compare knows (${Object.keys(IDENTITY).join(', ')})`, { file: a.source, field: 'schema', value: schemaOf(a) });
  if (documentKind({ schema: schemaOf(b) }) !== kind) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `documents of different kinds cannot be compared (${a.source} is ${kind})`, { file: b.source, field: 'schema', value: schemaOf(b) });
  const ra = timedRows(a, kind);
  const rb = timedRows(b, kind);
  const changes: ComparedChange[] = [];
  for (const [key, x] of ra) {
    const y = rb.get(key);
    if (!y) continue;
    const ratio = y.medianMs! / x.medianMs!;
    const sa = finiteSamples(x.samplesMs);
    const sb = finiteSamples(y.samplesMs);
    const ci = sa && sb ? independentRatioInterval(sb, sa) : null;
    changes.push({
      row: key,
      aMedianMs: x.medianMs!,
      aCi95Ms: finiteInterval(x.medianCi95Ms),
      bMedianMs: y.medianMs!,
      bCi95Ms: finiteInterval(y.medianCi95Ms),
      ratio,
      ratioCi95: ci,
      verdict: verdictOf(ratio, ci, noise),
      unstable: x.unstable === true || y.unstable === true,
    });
  }
  return { kind, a: a.source, b: b.source, noise, changes, onlyInA: [...ra.keys()].filter((k) => !rb.has(k)), onlyInB: [...rb.keys()].filter((k) => !ra.has(k)) };
}
