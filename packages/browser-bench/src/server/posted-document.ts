import { browserFingerprintSchema, documentKind, ERROR_CODES, EvalkitError, validateResultDocumentOfKind, type BrowserFingerprint, type ResultDocument } from '@evalkit/core';
import { createHash } from 'node:crypto';
import { z } from 'zod';

/** Kinds a page may post. */
export const POSTABLE_KINDS = ['kernel-bench', 'decoder-bench'] as const;

/** A posted document that passed every check, with the browser block it must carry. */
export interface AcceptedDocument {
  kind: (typeof POSTABLE_KINDS)[number];
  document: ResultDocument;
  browser: BrowserFingerprint;
}

// Core's decoder-bench row keeps the interval statistics optional (older documents lack them); a page
// always computes them (bench decoders' code, bundled), so a page's row without them is refused.
const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const pageDecoderStatistics = z.looseObject({
  samplesMs: z.array(finite.nonnegative()).min(1),
  medianCi95Ms: z.tuple([finite, finite]),
  cv: finite.nonnegative(),
  unstable: z.boolean(),
  stopReason: z.enum(['target-ci', 'max-runs', 'max-time']),
});

const fail = (message: string, field: string, value: unknown) => new EvalkitError(ERROR_CODES.INVALID_DOCUMENT, message, { file: 'POST /api/results', field, value });

/**
 * Checks a posted body: JSON, one of the kinds a page measures, a document of that kind and schema
 * version (core's schema: envelope, config, rows, summary), decoder rows carrying the interval
 * statistics a page always computes, and a browser device fingerprint (a page's document always has
 * one, so a document without one did not come from the page).
 */
export function acceptPostedDocument(body: string): AcceptedDocument {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw fail(`not valid JSON: ${(error as Error).message}`, '(root)', body.slice(0, 40));
  }
  const schema = typeof value === 'object' && value !== null ? (value as { schema?: unknown }).schema : undefined;
  const kind = typeof schema === 'string' ? documentKind({ schema }) : 'unknown';
  if (!(POSTABLE_KINDS as readonly string[]).includes(kind)) throw fail(`a page may post ${POSTABLE_KINDS.join(' or ')} documents`, 'schema', schema);
  // Core's schema of the kind, the one writers and the report use: a mistyped row is refused naming results[i].field.
  const document = validateResultDocumentOfKind(value, kind as AcceptedDocument['kind'], 'POST /api/results') as unknown as ResultDocument;
  if (kind === 'decoder-bench') {
    const rows = z.array(pageDecoderStatistics).safeParse(document.results);
    if (!rows.success) {
      const issue = rows.error.issues[0];
      throw fail(`row: ${issue.message}`, `results[${String(issue.path[0])}]${issue.path.length > 1 ? `.${issue.path.slice(1).map(String).join('.')}` : ''}`, undefined);
    }
  }
  const browser = browserFingerprintSchema.safeParse(document.manifest.device.browser);
  if (!browser.success) {
    const issue = browser.error.issues[0];
    throw fail(`browser fingerprint: ${issue.message}`, ['manifest', 'device', 'browser', ...issue.path.map(String)].join('.'), undefined);
  }
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
