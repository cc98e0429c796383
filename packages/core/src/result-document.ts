import { z } from 'zod';
import { ERROR_CODES, EvalkitError } from './errors';
import { runManifestSchema, type RunManifest } from './run-manifest';

/** The kinds of result document the tools write and the report knows how to draw. */
export const RESULT_KINDS = [
  'zoo-sizes',
  'decoder-bench',
  'kernel-bench',
  'recon-metrics',
  'htp-consistency',
  'agreement',
  'codec-roundtrip',
] as const;

/** One of RESULT_KINDS (documents of other kinds still parse; the report lists them as unknown). */
export type ResultKind = (typeof RESULT_KINDS)[number];

/** The schema version this build writes and reads. A reader refuses versions it does not know. */
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
export interface ResultDocument<R extends Record<string, unknown> = Record<string, unknown>> {
  schema: string;
  manifest: RunManifest;
  config: Record<string, unknown>;
  results: R[];
  summary?: Record<string, unknown>;
}

/** The schema string for a kind at the current version. */
export function schemaId(kind: string): string {
  return `evalkit/${kind}@${RESULT_SCHEMA_VERSION}`;
}

/** Splits a schema string into kind and version; undefined when it is not an evalkit schema. */
export function parseSchemaId(schema: string): { kind: string; version: number } | undefined {
  const m = SCHEMA_PATTERN.exec(schema);
  return m ? { kind: m[1], version: Number(m[2]) } : undefined;
}

/** Builds a result document of `kind`. */
export function createResultDocument<R extends Record<string, unknown>>(
  kind: string,
  manifest: RunManifest,
  results: R[],
  options: { config?: Record<string, unknown>; summary?: Record<string, unknown> } = {},
): ResultDocument<R> {
  const doc: ResultDocument<R> = { schema: schemaId(kind), manifest, config: options.config ?? manifest.config, results };
  if (options.summary !== undefined) doc.summary = options.summary;
  return doc;
}

/** Dotted path of a zod issue, e.g. `manifest.device.logicalCores` or `results[3].psnr`. */
function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

/** Value at a dotted path, for the error message. */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/**
 * Validates an already-parsed JSON value as a result document. Errors name the source (a file
 * path or other label), the first failing field and the value found there.
 */
export function validateResultDocument(value: unknown, source = '<document>'): ResultDocument {
  const parsed = resultDocumentSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issuePath(issue.path) || '(root)';
    throw new EvalkitError(ERROR_CODES.INVALID_DOCUMENT, `invalid result document: ${issue.message}`, {
      file: source,
      field,
      value: valueAt(value, issue.path),
    });
  }
  const id = parseSchemaId(parsed.data.schema)!;
  if (id.version !== RESULT_SCHEMA_VERSION) {
    throw new EvalkitError(
      ERROR_CODES.UNKNOWN_SCHEMA,
      `unknown schema version ${id.version} (this evalkit reads version ${RESULT_SCHEMA_VERSION})`,
      { file: source, field: 'schema', value: parsed.data.schema },
    );
  }
  return parsed.data as ResultDocument;
}

/** Parses JSON text as a result document (see validateResultDocument). */
export function parseResultDocument(text: string, source = '<document>'): ResultDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new EvalkitError(ERROR_CODES.INVALID_DOCUMENT, `not valid JSON: ${(error as Error).message}`, { file: source });
  }
  return validateResultDocument(value, source);
}

/** Kind of a document ("kernel-bench", ...). */
export function documentKind(doc: Pick<ResultDocument, 'schema'>): string {
  return parseSchemaId(doc.schema)?.kind ?? 'unknown';
}

/** Serialises a document the same way every time (2-space JSON, trailing newline). */
export function serializeResultDocument(doc: ResultDocument): string {
  return `${JSON.stringify(doc, (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2)}\n`;
}
