import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import { listOffending } from '@evalkit/agreement';
import { parseOpinion, type OpinionForm } from './screening-opinion';

/** The screening signal a PsyDraw-style report ends with. */
export type HtpSignal = 'Warning' | 'Observation';

/**
 * How a report stores its feature analyses: `nested` (`overall|house|tree|person: {feature, analysis}`),
 * `flat` (`overall_feature`, `house_analysis`, ... with the person as `person_*` or `human_*`), or
 * `signal-only` (neither: a record reduced to its signal).
 */
export type ReportLayout = 'nested' | 'flat' | 'signal-only';

/** Token counts of one report (PsyDraw's `usage`). */
export interface TokenUsage {
  total: number;
  prompt: number | null;
  completion: number | null;
}

/** What was read from where in one report, for the document and for error messages. */
export interface ReportReading {
  layout: ReportLayout;
  /** The field the opinion came from: "signal", "singal" (a misspelling in one PsyDraw version), "fix_signal" or --signal-field. */
  signalField: string;
  form: OpinionForm;
  language: 'en' | 'zh';
}

/** One drawing's analysis, reduced to what evaluation needs. */
export interface HtpOutput {
  caseId: string;
  /** Effective signal: `fix_signal` when the manager step marked the report abnormal, else `signal`. */
  signal: HtpSignal;
  /** Where the record came from ("dir/case-001.json" or "outputs.jsonl:12"). */
  source: string;
  /** Scalar top-level fields outside the PsyDraw schema (grade, school...), as text: grouping columns. */
  attributes: Record<string, string>;
  /** Structured feature tags (`tags` object, an evalkit extension) for derived consistency. */
  tags: Record<string, string>;
  /** The manager step's verdict: true = normal, false = abnormal (safety text substituted), null = none recorded. */
  classification: boolean | null;
  /** Token counts, or null when the report has no `usage`. */
  usage: TokenUsage | null;
  /** The record says `"synthetic": true` (evalkit's synthetic study marks every record so). */
  synthetic: boolean;
  reading: ReportReading;
}

/** How to read the records. */
export interface OutputReadOptions {
  /** Dotted path of the field that holds the screening signal (default: `signal`, else `singal`). */
  signalField?: string;
  /** A pattern whose first capture group is the opinion word (replaces the heading search). */
  opinionPattern?: RegExp;
  /** Skip reports whose opinion cannot be found (listing them) instead of failing. */
  lenient?: boolean;
}

/** A report left out under --lenient, and why. */
export interface SkippedOutput {
  caseId: string;
  source: string;
  reason: string;
}

/** Records read, and those skipped under --lenient. */
export interface OutputSet {
  outputs: HtpOutput[];
  skipped: SkippedOutput[];
}

const PARTS = ['overall', 'house', 'tree', 'person', 'human'] as const;
const FLAT_FIELDS = PARTS.flatMap((p) => [`${p}_feature`, `${p}_analysis`]);

/** Fields of the PsyDraw output record in any of its versions; everything else scalar becomes an attribute. */
const SCHEMA_FIELDS = new Set([...PARTS, ...FLAT_FIELDS, 'merge', 'final', 'signal', 'singal', 'usage', 'classification', 'fix_signal', 'tags', 'case_id', 'id', 'synthetic']);

/** A raw record before validation, with its source and the case id to use when it names none. */
export interface RawOutput {
  value: unknown;
  source: string;
  fallbackId?: string;
}

function layoutOf(rec: Record<string, unknown>): ReportLayout {
  if (PARTS.some((p) => rec[p] !== null && typeof rec[p] === 'object')) return 'nested';
  if (FLAT_FIELDS.some((f) => f in rec)) return 'flat';
  return 'signal-only';
}

/** The value at a dotted path ("result.screening.signal"), or undefined. */
function valueAt(rec: Record<string, unknown>, path: string): unknown {
  let v: unknown = rec;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

const count = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null);

/** PsyDraw's `usage` ({total, prompt, completion}; the `*_tokens` names of the OpenAI API also accepted). */
function usageOf(rec: Record<string, unknown>): TokenUsage | null {
  const u = rec.usage;
  if (u === null || typeof u !== 'object') return null;
  const o = u as Record<string, unknown>;
  const prompt = count(o.prompt ?? o.prompt_tokens);
  const completion = count(o.completion ?? o.completion_tokens);
  const total = count(o.total ?? o.total_tokens) ?? (prompt !== null && completion !== null ? prompt + completion : null);
  return total === null ? null : { total, prompt, completion };
}

const nonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/**
 * Validates PsyDraw reports in any of their versions and reduces them to HtpOutput. The opinion is
 * parsed from `signal` (or the misspelt `singal`, or `options.signalField`) by parseOpinion; when
 * the manager step marked the report abnormal (`classification: false`, or no verdict but a
 * `fix_signal`), from `fix_signal`. Records without a case id, with a repeated case id, or (unless
 * lenient) without an opinion are an error listing every offending record.
 */
export function readOutputRecords(raw: readonly RawOutput[], file: string, options: OutputReadOptions = {}): OutputSet {
  if (raw.length === 0) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'empty: no output records found', { file });
  const bad: string[] = [];
  const skipped: SkippedOutput[] = [];
  const out: HtpOutput[] = [];
  const seen = new Map<string, string>();
  for (const r of raw) {
    if (r.value === null || typeof r.value !== 'object' || Array.isArray(r.value)) {
      bad.push(`${r.source}: not a JSON object`);
      continue;
    }
    const rec = r.value as Record<string, unknown>;
    const idValue = rec.case_id ?? rec.id ?? r.fallbackId;
    const caseId = typeof idValue === 'string' || typeof idValue === 'number' ? String(idValue) : '';
    if (caseId === '') {
      bad.push(`${r.source}: no "case_id" (or "id") field`);
      continue;
    }
    const classification = typeof rec.classification === 'boolean' ? rec.classification : null;
    const signalField = options.signalField ?? (rec.signal === undefined && rec.singal !== undefined ? 'singal' : 'signal');
    const useFix = classification !== true && nonEmptyString(rec.fix_signal);
    const field = useFix ? 'fix_signal' : signalField;
    const text = useFix ? rec.fix_signal : options.signalField ? valueAt(rec, options.signalField) : rec[signalField];
    const opinion = typeof text === 'string' ? parseOpinion(text, options.opinionPattern) : { signal: null, reason: text === undefined ? 'the field is missing' : `${JSON.stringify(text)} is not text` };
    if (opinion.signal === null) {
      const message = `${r.source}: case ${JSON.stringify(caseId)} field "${field}": ${opinion.reason}`;
      if (options.lenient) skipped.push({ caseId, source: r.source, reason: `field "${field}": ${opinion.reason}` });
      else bad.push(message);
      continue;
    }
    const first = seen.get(caseId);
    if (first !== undefined) {
      bad.push(`${r.source}: case ${JSON.stringify(caseId)} repeats ${first}`);
      continue;
    }
    seen.set(caseId, r.source);
    const attributes: Record<string, string> = {};
    for (const [k, v] of Object.entries(rec)) if (!SCHEMA_FIELDS.has(k) && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) attributes[k] = String(v);
    const tags: Record<string, string> = {};
    if (rec.tags && typeof rec.tags === 'object') for (const [k, v] of Object.entries(rec.tags as Record<string, unknown>)) if (typeof v === 'string') tags[k] = v;
    out.push({
      caseId,
      signal: opinion.signal,
      source: r.source,
      attributes,
      tags,
      classification,
      usage: usageOf(rec),
      synthetic: rec.synthetic === true,
      reading: { layout: layoutOf(rec), signalField: field, form: opinion.form, language: opinion.language },
    });
  }
  if (bad.length > 0) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `invalid output records:\n${listOffending(bad)}`, { file });
  if (out.length === 0) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `no report with a screening opinion (${skipped.length} skipped):\n${listOffending(skipped.map((s) => `${s.source}: ${s.reason}`))}`, { file });
  return { outputs: out, skipped };
}

/** readOutputRecords without the skipped list (strict unless options.lenient). */
export function normalizeOutputs(raw: readonly RawOutput[], file: string, options: OutputReadOptions = {}): HtpOutput[] {
  return readOutputRecords(raw, file, options).outputs;
}
