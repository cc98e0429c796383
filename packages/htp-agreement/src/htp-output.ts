import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import { listOffending } from './offending';

/** The screening signal a PsyDraw-style report ends with. */
export type HtpSignal = 'Warning' | 'Observation';

/** One drawing's analysis, reduced to what evaluation needs. */
export interface HtpOutput {
  caseId: string;
  /** Effective signal: `fix_signal` when the manager step set one, else `signal`. */
  signal: HtpSignal;
  /** Where the record came from ("dir/case-001.json" or "outputs.jsonl:12"). */
  source: string;
  /** Scalar top-level fields outside the PsyDraw schema (grade, school...), as text: grouping columns. */
  attributes: Record<string, string>;
  /** Structured feature tags (`tags` object, an evalkit extension) for derived consistency. */
  tags: Record<string, string>;
}

/** Fields of the PsyDraw output record (htp.md); everything else scalar becomes an attribute. */
const SCHEMA_FIELDS = new Set(['overall', 'house', 'tree', 'person', 'merge', 'final', 'signal', 'usage', 'classification', 'fix_signal', 'tags', 'case_id', 'id']);

/** A raw record before validation, with its source and the case id to use when it names none. */
export interface RawOutput {
  value: unknown;
  source: string;
  fallbackId?: string;
}

function parseSignal(text: unknown): HtpSignal | null {
  if (typeof text !== 'string') return null;
  const t = text.trim().toLowerCase();
  return t === 'warning' ? 'Warning' : t === 'observation' ? 'Observation' : null;
}

/**
 * Validates PsyDraw-style records (htp.md: overall/house/tree/person, merge, final, signal, usage,
 * classification, fix_signal) and reduces them to HtpOutput. Records without a usable signal,
 * without a case id, or with a repeated case id are an error listing all offending records.
 */
export function normalizeOutputs(raw: readonly RawOutput[], file: string): HtpOutput[] {
  if (raw.length === 0) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'empty: no output records found', { file });
  const bad: string[] = [];
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
    const fix = typeof rec.fix_signal === 'string' && rec.fix_signal.trim() !== '' ? rec.fix_signal : null;
    const signal = parseSignal(fix ?? rec.signal);
    if (signal === null) {
      bad.push(`${r.source}: case ${JSON.stringify(caseId)} field "${fix ? 'fix_signal' : 'signal'}" is ${JSON.stringify(fix ?? rec.signal ?? null)}, expected "Warning" or "Observation"`);
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
    out.push({ caseId, signal, source: r.source, attributes, tags });
  }
  if (bad.length > 0) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `invalid output records:\n${listOffending(bad)}`, { file });
  return out;
}
