export { ERROR_CODES, EvalkitError, isEvalkitError, describeValue, exitStatusFor, fromSystemError } from './errors';
export type { ErrorCode } from './errors';
export { deviceFingerprint } from './device-fingerprint';
export type { DeviceFingerprint } from './device-fingerprint';
export { browserFingerprintSchema } from './browser-fingerprint';
export { deviceBackendLabel } from './device-backend-label';
export type { BrowserFingerprint } from './browser-fingerprint';
export { createRunManifest } from './run-manifest';
export type { RunManifest, RunManifestInput } from './run-manifest';
// The result-document contract: what other projects write, read and type rows with. Schema
// internals (definitions, version helpers, the docs renderer) stay inside; tests reach them by path.
export {
  createResultDocument,
  validateResultDocument,
  validateResultDocumentOfKind,
  parseResultDocument,
  serializeResultDocument,
  documentKind,
} from './result-document';
export type { ResultDocument, KindDocument, ResultKind } from './result-document';
export { RESULT_KIND_EXAMPLES } from './schemas';
export type { DeclaredFields, ResultRow, ResultRowInput, ResultSummary, WrittenRow } from './schemas';
export { evalkitErrorFromZod } from './zod-error';
export { writeFileAtomic, temporaryPathFor, removePendingTemporaryFiles, registerPendingPath, forgetPendingPath, reportPendingPathsToSupervisor } from './io/atomic-write';
export { checkOutputFile, stageOutputFolder } from './io/output-paths';
export { readResultDocument, writeResultDocument } from './io/result-file';
export { gitRevision } from './io/git-revision';
export { mulberry32 } from './random';
export { findExecutable, findChromium } from './io/find-executable';
export { readPaperValues, paperDir } from './io/read-paper-values';
export { paperFps, paperGpuSpeedup } from './paper/paper-values';
export type { PsydrawPaper, TurboVaedPaper } from './paper/paper-values';
