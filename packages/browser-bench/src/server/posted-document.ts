import { browserFingerprintSchema, documentKind, ERROR_CODES, EvalkitError, validateResultDocument, type BrowserFingerprint, type ResultDocument } from '@evalkit/core';
import { createHash } from 'node:crypto';
import { z } from 'zod';

/** Kinds a page may post. */
export const POSTABLE_KINDS = ['kernel-bench', 'decoder-bench'] as const;

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const nullableFinite = finite.nullable();

// Row shapes of the two kinds as the page writes them. The envelope (schema, manifest, device) is
// core's; these add what a reader of the rows relies on, so a malformed post is refused, not drawn.
const kernelRow = z.looseObject({
  variant: z.string().max(20),
  variantIndex: z.number().int(),
  label: z.string().max(300),
  implementation: z.enum(['onnx', 'ts']),
  part: z.enum(['full', 'rearrange']),
  shapeLabel: z.string().max(100),
  state: z.enum(['completed', 'errored']),
  medianMs: nullableFinite,
  meanMs: nullableFinite,
  samples: z.number().int().nonnegative(),
  checks: z.array(z.looseObject({ method: z.string().max(300), maxAbsDiff: finite, tolerance: finite, shapeLabel: z.string().max(100) })),
});
const decoderRow = z.looseObject({
  model: z.string().max(100),
  label: z.string().max(300),
  height: z.number().int().positive(),
  width: z.number().int().positive(),
  latentFrames: z.number().int().positive(),
  outputFrames: z.number().int().positive(),
  runs: z.number().int().positive(),
  // The statistics every timed row carries (issue: benchmark numbers a paper can print).
  samplesMs: z.array(finite.nonnegative()).min(1).max(100_000),
  medianMs: finite.positive(),
  medianCi95Ms: z.tuple([finite, finite]),
  cv: finite.nonnegative(),
  unstable: z.boolean(),
  stopReason: z.enum(['target-ci', 'max-runs', 'max-time']),
  fps: finite.positive(),
  macs: finite.nonnegative(),
  params: finite.nonnegative(),
  gflops: finite.nonnegative(),
  ceilingFraction: nullableFinite,
  widthMult: finite.positive(),
});
const ROW_SCHEMAS = { 'kernel-bench': kernelRow, 'decoder-bench': decoderRow } as const;

/** A posted document that passed every check, with the browser block it must carry. */
export interface AcceptedDocument {
  kind: (typeof POSTABLE_KINDS)[number];
  document: ResultDocument;
  browser: BrowserFingerprint;
}

const fail = (message: string, field: string, value: unknown) => new EvalkitError(ERROR_CODES.INVALID_DOCUMENT, message, { file: 'POST /api/results', field, value });

/**
 * Checks a posted body: JSON, one of the kinds a page measures, a browser device fingerprint (a
 * page's document always has one, so a document without one did not come from the page), the rows a
 * page writes, then the whole document against core's schema of its kind. The kind is checked first,
 * so a post of another kind is refused as such, not for the fields that kind would need.
 */
export function acceptPostedDocument(body: string): AcceptedDocument {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw fail(`not valid JSON: ${(error as Error).message}`, '(root)', body.slice(0, 40));
  }
  const schema = value !== null && typeof value === 'object' ? (value as { schema?: unknown }).schema : undefined;
  const kind = typeof schema === 'string' ? documentKind({ schema }) : 'unknown';
  if (!(POSTABLE_KINDS as readonly string[]).includes(kind)) throw fail(`a page may post ${POSTABLE_KINDS.join(' or ')} documents`, 'schema', schema);
  const device = (value as { manifest?: { device?: { browser?: unknown } } }).manifest?.device;
  const browser = browserFingerprintSchema.safeParse(device?.browser);
  if (!browser.success) {
    const issue = browser.error.issues[0];
    throw fail(`browser fingerprint: ${issue.message}`, ['manifest', 'device', 'browser', ...issue.path.map(String)].join('.'), undefined);
  }
  const rows = z.array(ROW_SCHEMAS[kind as AcceptedDocument['kind']]).safeParse((value as { results?: unknown }).results);
  if (!rows.success) {
    const issue = rows.error.issues[0];
    throw fail(`row: ${issue.message}`, issue.path.length > 0 ? `results[${String(issue.path[0])}]${issue.path.length > 1 ? `.${issue.path.slice(1).map(String).join('.')}` : ''}` : 'results', undefined);
  }
  const document = validateResultDocument(value, 'POST /api/results');
  return { kind: kind as AcceptedDocument['kind'], document, browser: browser.data };
}

/** A short, stable name for a browser device: its browser, model/platform and a hash of what identifies it. */
export function browserDeviceSlug(b: BrowserFingerprint): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([b.userAgent, b.hardwareConcurrency, b.deviceMemoryGiB, b.webgpuAdapter, b.model, b.platform]))
    .digest('hex')
    .slice(0, 8);
  const words = [b.browser, b.model ?? b.platform ?? ''].join('-').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `${words || 'browser'}-${hash}`;
}

/** File name of an accepted document: one per kind, device and backend (a rerun replaces it). */
export function postedFileName(accepted: AcceptedDocument): string {
  return `${accepted.kind}.browser-${accepted.browser.backend}.${browserDeviceSlug(accepted.browser)}.json`;
}
