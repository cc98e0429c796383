import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import { agreementSummary, type AgreementSummary, buildRatings, encodeLabels, type LabelFile, type LevelSet, listOffending, MISSING, type RatingsMatrix } from '@evalkit/agreement';
import { consensusRatings } from './consensus';
import { consistencyTable, flaggedShare, type ConsistencyRow, type DenominatorPolicy, type FlaggedShare, type Grouping } from './consistency-table';
import { DEFAULT_RUBRIC, deriveConsistency, validateRubric, type ConsistencyRubric } from './derived-consistency';
import type { HtpOutput } from './htp-output';
import { CONSISTENCY_ALIASES, CONSISTENCY_LEVELS, SIGNAL_LEVELS } from './consistency-levels';
import { safetyShares, type SafetyRow } from './safety-share';
import { tokenCost, type CostRow } from './token-cost';

/** Options of evaluateStudy. */
export interface StudyOptions {
  /** Extra grouping column (a label-file attribute or an output field); "signal" is always tabulated. */
  groupBy: string | null;
  denominator: DenominatorPolicy;
  seed: number;
  /** Bootstrap resamples for the percentile intervals (0 = none). */
  bootstrap: number;
  /** Consistency levels; default Low < Moderate < High with Matching / Generally Matching / Not Matching. */
  levels?: LevelSet;
  /** Rubric for structured labels. */
  rubric?: ConsistencyRubric;
  /** Cases whose reports were skipped (--lenient): their label rows are left out too. */
  skippedCases?: readonly string[];
}

/** What `evalkit htp evaluate` computes from outputs and labels. */
export interface StudyEvaluation {
  n: number;
  rated: number;
  unrated: number;
  raters: string[];
  /** "rating": experts rated consistency; "structured": consistency derived by the rubric. */
  mode: 'rating' | 'structured';
  rows: ConsistencyRow[];
  warning: FlaggedShare;
  /** Agreement among raters (rating mode, ≥ 2 raters) or system vs experts on the signal (structured). */
  agreement: AgreementSummary | null;
  agreementKind: 'inter-rater' | 'system-vs-expert' | null;
  caseIds: string[];
  /** Per-case consistency code (MISSING when unrated), aligned with caseIds. */
  consistency: Int32Array;
  /** Reports the system's safety step marked abnormal, overall and per group. */
  safety: SafetyRow[];
  /** Token cost of the reports, overall and per group. */
  cost: CostRow[];
  /** Every report is marked `"synthetic": true`: the study checks the pipeline, not a real system. */
  synthetic: boolean;
}

/** The label file without the rows of the given cases. */
function withoutCases(labels: LabelFile, cases: readonly string[]): LabelFile {
  if (cases.length === 0) return labels;
  const drop = new Set(cases);
  return {
    ...labels,
    rows: labels.rows.filter((r) => !drop.has(r.caseId)),
    structured: labels.structured?.filter((r) => !drop.has(r.caseId)),
    attributes: new Map([...labels.attributes].filter(([id]) => !drop.has(id))),
  };
}

/** Checks that every labelled case has an output and every output a label; errors list the offenders. */
function checkJoin(outputs: readonly HtpOutput[], labels: LabelFile): void {
  const ids = new Set(outputs.map((o) => o.caseId));
  const rows = labels.structured ?? labels.rows;
  const orphan = rows.filter((r) => !ids.has(r.caseId));
  if (orphan.length > 0) {
    throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `labels for cases that have no output:\n${listOffending(orphan.map((r) => `line ${r.line}: case ${JSON.stringify(r.caseId)}`))}`, { file: labels.file, field: 'case_id', value: orphan[0].caseId });
  }
  const labelled = new Set(rows.map((r) => r.caseId));
  const unlabelled = outputs.filter((o) => !labelled.has(o.caseId));
  if (unlabelled.length > 0) {
    throw new EvalkitError(
      ERROR_CODES.INVALID_INPUT,
      `cases with an output but no label row (an unrated case needs a row with a blank or NA label):\n${listOffending(unlabelled.map((o) => `case ${JSON.stringify(o.caseId)} (${o.source})`))}`,
      { file: labels.file, field: 'case_id', value: unlabelled[0].caseId },
    );
  }
}

/** Values of a grouping column per case, from the label file's attributes or the outputs' fields. */
function groupValues(column: string, outputs: readonly HtpOutput[], labels: LabelFile): string[] {
  const fromLabels = outputs.every((o) => labels.attributes.get(o.caseId)?.[column] !== undefined);
  const values = outputs.map((o) => (fromLabels ? labels.attributes.get(o.caseId)![column] : o.attributes[column]));
  const missing = outputs.filter((_, i) => values[i] === undefined || values[i] === '');
  if (missing.length === outputs.length) {
    const available = new Set<string>(['signal']);
    for (const a of labels.attributes.values()) Object.keys(a).forEach((k) => available.add(k));
    outputs.forEach((o) => Object.keys(o.attributes).forEach((k) => available.add(k)));
    throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `no column "${column}" in the labels or the outputs (available: ${[...available].join(', ')})`, { field: '--group-by', value: column });
  }
  if (missing.length > 0) {
    throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `cases without a value for group column "${column}":\n${listOffending(missing.map((o) => `case ${JSON.stringify(o.caseId)} (${o.source})`))}`, { file: labels.file, field: column });
  }
  return values as string[];
}

/** Structured labels -> per-rater derived consistency codes, and the system-vs-expert signal matrix. */
function deriveFromStructured(outputs: readonly HtpOutput[], labels: LabelFile, levels: LevelSet, rubric: ConsistencyRubric): { derived: RatingsMatrix; signals: RatingsMatrix } {
  const rows = labels.structured ?? [];
  const caseIndex = new Map(outputs.map((o, i) => [o.caseId, i]));
  const raterIndex = new Map(labels.raters.map((r, i) => [r, i]));
  const nr = labels.raters.length;
  const derived = new Int32Array(outputs.length * nr).fill(MISSING);
  const signals = new Int32Array(outputs.length * (nr + 1)).fill(MISSING);
  const sig = encodeLabels(rows.map((r) => r.signal), { levels: SIGNAL_LEVELS });
  if (sig.unknown.length > 0) {
    throw new EvalkitError(
      ERROR_CODES.INVALID_INPUT,
      `unknown signals (accepted: "Warning", "Observation"; blank = not judged):\n${listOffending(sig.unknown.map((u) => `line ${rows[u.index].line}: case ${JSON.stringify(rows[u.index].caseId)} signal ${JSON.stringify(u.value)}`))}`,
      { file: labels.file, field: 'signal', value: sig.unknown[0].value },
    );
  }
  const levelCode = new Map(levels.levels.map((l, i) => [l, i]));
  for (const name of ['Low', 'Moderate', 'High']) if (!levelCode.has(name)) throw new RangeError(`derived consistency needs levels named Low, Moderate and High; got ${levels.levels.join(', ')}`);
  outputs.forEach((o, i) => (signals[i * (nr + 1)] = SIGNAL_LEVELS.indexOf(o.signal)));
  rows.forEach((r, k) => {
    const i = caseIndex.get(r.caseId)!;
    const j = raterIndex.get(r.rater)!;
    const out = outputs[i];
    const d = deriveConsistency({ signal: out.signal, tags: out.tags }, { signal: r.signal, tags: r.tags }, rubric);
    derived[i * nr + j] = d.level === null ? MISSING : levelCode.get(d.level)!;
    signals[i * (nr + 1) + j + 1] = sig.codes[k];
  });
  return {
    derived: { levels: levels.levels, cases: outputs.length, raters: nr, codes: derived },
    signals: { levels: SIGNAL_LEVELS, cases: outputs.length, raters: nr + 1, codes: signals },
  };
}

/**
 * Joins outputs with expert labels and computes the consistency table (overall, by signal, and by
 * `groupBy`), the share flagged Warning, the share the safety step marked abnormal, the token cost,
 * and agreement statistics where there is something to agree on.
 * With several raters per case, the case's consistency is their lower median (consensusRatings).
 */
export function evaluateStudy(outputs: readonly HtpOutput[], allLabels: LabelFile, options: StudyOptions): StudyEvaluation {
  const labels = withoutCases(allLabels, options.skippedCases ?? []);
  checkJoin(outputs, labels);
  const levels = options.levels ?? { levels: CONSISTENCY_LEVELS, aliases: CONSISTENCY_ALIASES };
  const caseIds = outputs.map((o) => o.caseId);
  let matrix: RatingsMatrix;
  let agreement: AgreementSummary | null = null;
  let agreementKind: StudyEvaluation['agreementKind'] = null;
  let mode: StudyEvaluation['mode'];
  if (labels.format === 'structured') {
    mode = 'structured';
    const { derived, signals } = deriveFromStructured(outputs, labels, levels, validateRubric(options.rubric ?? DEFAULT_RUBRIC));
    matrix = derived;
    agreement = agreementSummary(signals, ['system', ...labels.raters], 'nominal');
    agreementKind = 'system-vs-expert';
  } else {
    mode = 'rating';
    matrix = buildRatings(labels, levels, caseIds).matrix;
    if (labels.raters.length >= 2) {
      agreement = agreementSummary(matrix, labels.raters, 'ordinal');
      agreementKind = 'inter-rater';
    }
  }
  const consistency = consensusRatings(matrix);
  const groupings: Grouping[] = [{ column: 'signal', values: outputs.map((o) => o.signal), order: ['Warning', 'Observation'] }];
  if (options.groupBy !== null && options.groupBy !== 'signal') groupings.push({ column: options.groupBy, values: groupValues(options.groupBy, outputs, labels) });
  const rows = consistencyTable(consistency, groupings, { levels: levels.levels, denominator: options.denominator, bootstrap: options.bootstrap, seed: options.seed });
  const rated = consistency.filter((c) => c !== MISSING).length;
  return {
    n: outputs.length,
    rated,
    unrated: outputs.length - rated,
    raters: labels.raters,
    mode,
    rows,
    warning: flaggedShare(outputs.map((o) => o.signal === 'Warning'), { bootstrap: options.bootstrap, seed: options.seed }),
    agreement,
    agreementKind,
    caseIds,
    consistency,
    safety: safetyShares(outputs.map((o) => o.classification), groupings),
    cost: tokenCost(outputs.map((o) => o.usage), groupings),
    synthetic: outputs.every((o) => o.synthetic),
  };
}
