/**
 * @evalkit/htp: the PsyDraw (House-Tree-Person) study: its report files read as they are, the
 * consistency table (Table 1) with intervals, the rubric for structured labels, the safety-step and
 * token-cost summaries. Statistics come from @evalkit/agreement.
 */
export { CONSISTENCY_LEVELS, CONSISTENCY_ALIASES, SIGNAL_LEVELS } from './consistency-levels';
export { consistencyTable, levelDistribution, countLevels, flaggedShare, groupOrder } from './consistency-table';
export type { ConsistencyRow, ConsistencyOptions, DenominatorPolicy, FlaggedShare, Grouping, LevelCounts } from './consistency-table';
export { consensusRatings } from './consensus';
export { deriveConsistency, validateRubric, DEFAULT_RUBRIC } from './derived-consistency';
export type { ConsistencyRubric, DerivedConsistency, StructuredJudgement } from './derived-consistency';
export { normalizeOutputs, readOutputRecords } from './htp-output';
export type { HtpOutput, HtpSignal, RawOutput, OutputReadOptions, OutputSet, SkippedOutput, ReportLayout, ReportReading, TokenUsage } from './htp-output';
export { parseOpinion, opinionWord, firstHeading, OPINION_HEADINGS, OPINION_WORDS } from './screening-opinion';
export type { ParsedOpinion, OpinionForm } from './screening-opinion';
export { evaluateStudy } from './htp-study';
export type { StudyOptions, StudyEvaluation } from './htp-study';
export { readOutputs, readOutputSet } from './io/read-outputs';
export { OUTPUT_LIMITS, checkOutputFileCount, checkOutputBytes } from './io/output-limits';
export { consistencyCsv, consistencyMarkdown, writeConsistencyTables, CONSISTENCY_COLUMNS, CORRECTED_MARK } from './io/consistency-tables';
export type { PaperConsistencyRow, TableNotes } from './io/consistency-tables';
export { readPaperTable, paperCell } from './paper-table';
export type { PaperTable, PaperCell, PaperCorrection } from './paper-table';
export { SYNTHETIC_STUDY_NOTE } from './synthetic-note';
export { safetyShares } from './safety-share';
export type { SafetyRow } from './safety-share';
export { tokenCost } from './token-cost';
export type { CostRow, TokenKind } from './token-cost';
export { caseGroups } from './group-cases';
export type { CaseGroup } from './group-cases';
