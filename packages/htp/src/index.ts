/**
 * @evalkit/htp: the PsyDraw (House-Tree-Person) study: its report files read as they are, the
 * consistency table (Table 1) with intervals, the rubric for structured labels, the safety-step and
 * token-cost summaries. Statistics come from @evalkit/agreement.
 */
export { CONSISTENCY_LEVELS, CONSISTENCY_ALIASES } from './consistency-levels';
export type { ConsistencyRow, DenominatorPolicy } from './consistency-table';
export { validateRubric, DEFAULT_RUBRIC } from './derived-consistency';
export type { ConsistencyRubric } from './derived-consistency';
export type { HtpOutput, SkippedOutput } from './htp-output';
export { evaluateStudy } from './htp-study';
export type { StudyEvaluation } from './htp-study';
export { readOutputs, readOutputSet } from './io/read-outputs';
export { writeConsistencyTables, CORRECTED_MARK } from './io/consistency-tables';
export { readPaperTable, paperCell } from './paper-table';
export type { PaperTable, PaperCell } from './paper-table';
export { SYNTHETIC_STUDY_NOTE } from './synthetic-note';
