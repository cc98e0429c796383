/** A result document as read from a file (not yet checked against its kind's schema) and where it came from. */
export interface SourcedDocument {
  source: string;
  doc: unknown;
}

/** A finite number, or null (documents write non-finite values as strings; readers turn them back). */
export const finiteOrNull = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
