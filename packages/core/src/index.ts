export { ERROR_CODES, EvalkitError, isEvalkitError, describeValue } from './errors';
export type { ErrorCode, ErrorLocation } from './errors';
export { deviceFingerprint, deviceFingerprintSchema, installedOnnxruntimeVersion } from './device-fingerprint';
export type { DeviceFingerprint, FingerprintOptions } from './device-fingerprint';
export { createRunManifest, runManifestSchema } from './run-manifest';
export type { RunManifest, RunManifestInput } from './run-manifest';
export {
  RESULT_KINDS,
  RESULT_SCHEMA_VERSION,
  resultDocumentSchema,
  schemaId,
  parseSchemaId,
  createResultDocument,
  validateResultDocument,
  parseResultDocument,
  serializeResultDocument,
  documentKind,
} from './result-document';
export type { ResultDocument, ResultKind } from './result-document';
export { writeFileAtomic, temporaryPathFor, removePendingTemporaryFiles } from './io/atomic-write';
export { readResultDocument, writeResultDocument } from './io/result-file';
export { gitRevision } from './io/git-revision';
export { mulberry32 } from './random';
export { createProgressReporter, prefersPlainProgress } from './progress';
export type { ProgressReporter, ProgressTask, ProgressOptions } from './progress';
export { findExecutable, findChromium, chromiumCandidates, CHROMIUM_NAMES } from './io/find-executable';
