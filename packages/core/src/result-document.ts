import { z } from 'zod';
import { ERROR_CODES, EvalkitError } from './errors';
import { runManifestSchema, type RunManifest } from './run-manifest';
import {
  RESULT_KIND_DEFINITIONS,
  isResultKind,
  type ResultConfig,
  type ResultKind,
  type ResultRow,
  type ResultRowInput,
  type ResultSummary,
  type ResultSummaryInput,
} from './schemas';
import { evalkitErrorFromZod } from './zod-error';

export { RESULT_KINDS, isResultKind } from './schemas';
export type { ResultKind } from './schemas';

/** The schema version of kinds this build does not declare (the report still lists them). */
export const RESULT_SCHEMA_VERSION = 1;

const SCHEMA_PATTERN = /^evalkit\/([a-z0-9][a-z0-9-]*)@(\d+)$/;

/** Zod schema of the envelope every result document shares: `evalkit/<kind>@<version>`. */
export const resultDocumentSchema = z.object({
  schema: z.string().regex(SCHEMA_PATTERN, 'must look like "evalkit/<kind>@<version>"'),
  manifest: runManifestSchema,
  config: z.record(z.string(), z.unknown()),
  results: z.array(z.record(z.string(), z.unknown())),
  summary: z.record(z.string(), z.unknown()).optional(),
});

/** A result document: what one tool run produced, with the manifest that makes it reproducible. */
export interface ResultDocument<R = Record<string, unknown>, S = Record<string, unknown>, C = Record<string, unknown>> {
  schema: string;
  manifest: RunManifest;
  config: C;
  results: R[];
  summary?: S;
}

/** A document of a declared kind, typed by that kind's schemas (what readers get). */
export type KindDocument<K extends ResultKind> = ResultDocument<ResultRow<K>, ResultSummary<K>, ResultConfig<K>>;

/** The version this build writes and reads for a kind. */
export function kindVersion(kind: string): number {
  return isResultKind(kind) ? RESULT_KIND_DEFINITIONS[kind].version : RESULT_SCHEMA_VERSION;
}

/** The schema string for a kind at its current version. */
export function schemaId(kind: string): string {
  return `evalkit/${kind}@${kindVersion(kind)}`;
}

/** Splits a schema string into kind and version; undefined when it is not an evalkit schema. */
export function parseSchemaId(schema: string): { kind: string; version: number } | undefined {
  const m = SCHEMA_PATTERN.exec(schema);
  return m ? { kind: m[1], version: Number(m[2]) } : undefined;
}

/** Kind of a document ("kernel-bench", ...). */
export function documentKind(doc: Pick<ResultDocument, 'schema'>): string {
  return parseSchemaId(doc.schema)?.kind ?? 'unknown';
}

/**
 * Checks config, rows and summary of a document of a declared kind against the kind's schemas and
 * returns them parsed (non-finite number strings become numbers; unknown extra fields are kept).
 */
function parseKindParts(doc: ResultDocument, kind: ResultKind, source: string): ResultDocument {
  const definition = RESULT_KIND_DEFINITIONS[kind];
  const parts = z.object({
    config: definition.config as z.ZodType,
    results: z.array(definition.row as z.ZodType),
    summary: (definition.summary as z.ZodType).optional(),
  });
  const parsed = parts.safeParse(doc);
  if (!parsed.success) {
    throw evalkitErrorFromZod(parsed.error, doc, {
      file: source,
      code: ERROR_CODES.INVALID_DOCUMENT,
      prefix: `invalid ${kind} document: `,
      missing: `missing in a ${kind} document (see docs/result-documents.md)`,
    });
  }
  const out: ResultDocument = { ...doc, ...(parsed.data as Pick<ResultDocument, 'config' | 'results' | 'summary'>) };
  if (doc.summary === undefined) delete out.summary;
  return out;
}

/** The envelope and version check every document passes, whatever its kind. */
function validateEnvelope(value: unknown, source: string): { doc: ResultDocument; kind: string } {
  const parsed = resultDocumentSchema.safeParse(value);
  if (!parsed.success) throw evalkitErrorFromZod(parsed.error, value, { file: source, code: ERROR_CODES.INVALID_DOCUMENT, prefix: 'invalid result document: ' });
  const id = parseSchemaId(parsed.data.schema)!;
  const known = kindVersion(id.kind);
  if (id.version !== known) {
    throw new EvalkitError(ERROR_CODES.UNKNOWN_SCHEMA, `unknown schema version ${id.version} of ${id.kind} (this evalkit reads version ${known})`, {
      file: source,
      field: 'schema',
      value: parsed.data.schema,
    });
  }
  return { doc: parsed.data as ResultDocument, kind: id.kind };
}

/**
 * Validates an already-parsed JSON value as a result document: the envelope, the version, and for
 * a declared kind its config, rows and summary. Errors name the source (a file path or other
 * label), the first failing field as `results[3].medianMs` and the value found there. Documents of
 * kinds this build does not declare are checked as envelopes only (the report lists them).
 */
export function validateResultDocument(value: unknown, source = '<document>'): ResultDocument {
  const { doc, kind } = validateEnvelope(value, source);
  return isResultKind(kind) ? parseKindParts(doc, kind, source) : doc;
}

/**
 * Validates a value as a document of one kind, typed by its schema. A document of another kind is
 * refused (INVALID_INPUT, field "schema") before its rows are looked at; `hint` says how to make
 * the right one.
 */
export function validateResultDocumentOfKind<K extends ResultKind>(value: unknown, kind: K, source = '<document>', hint = ''): KindDocument<K> {
  const { doc, kind: found } = validateEnvelope(value, source);
  if (found !== kind) {
    throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `not a ${kind} result document${hint ? ` (${hint})` : ''}`, { file: source, field: 'schema', value: doc.schema });
  }
  return parseKindParts(doc, kind, source) as unknown as KindDocument<K>;
}

/** Parses JSON text; invalid JSON is an INVALID_DOCUMENT error naming the source. */
export function parseJson(text: string, source = '<document>'): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new EvalkitError(ERROR_CODES.INVALID_DOCUMENT, `not valid JSON: ${(error as Error).message}`, { file: source });
  }
}

/** Parses JSON text as a result document (see validateResultDocument). */
export function parseResultDocument(text: string, source = '<document>'): ResultDocument {
  return validateResultDocument(parseJson(text, source), source);
}

/**
 * Builds a result document of a declared kind, checking rows, config and summary against the kind's
 * schema first: a writer never produces a document its readers would refuse.
 */
export function createResultDocument<K extends ResultKind, R extends ResultRowInput<K>>(
  kind: K,
  manifest: RunManifest,
  results: R[],
  options: { config?: Record<string, unknown>; summary?: ResultSummaryInput<K> } = {},
): ResultDocument<R & Record<string, unknown>> {
  if (!isResultKind(kind)) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'not a declared result kind', { field: 'kind', value: kind });
  const doc: ResultDocument<R & Record<string, unknown>> = { schema: schemaId(kind), manifest, config: options.config ?? manifest.config, results };
  if (options.summary !== undefined) doc.summary = options.summary as Record<string, unknown>;
  validateResultDocument(doc, `new ${kind} document`);
  return doc;
}

/** Serialises a document the same way every time (2-space JSON, trailing newline). */
export function serializeResultDocument(doc: ResultDocument<unknown, unknown, unknown>): string {
  return `${JSON.stringify(doc, (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2)}\n`;
}
