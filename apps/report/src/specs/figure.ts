import type { SectionKind } from '../model';

/** A Vega-Lite spec as plain JSON (kept untyped so the ESM-only vega-lite types stay out of CJS code). */
export type VegaLiteSpec = Record<string, unknown>;

/** One figure of the report: its spec and where it belongs. */
export interface Figure {
  /** File stem and HTML anchor, e.g. "decoder-fps". */
  id: string;
  section: SectionKind;
  title: string;
  /** One sentence under the figure saying what it shows and how to read it. */
  description: string;
  spec: VegaLiteSpec;
}

/** The Vega-Lite schema the specs are written against (vega-lite ~6.4). */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Label and colour of the paper's own numbers when drawn next to ours. */
export const PAPER_SERIES = 'Paper';
const PAPER_COLOUR = '#9a9a9a';

/** Tableau 10: distinguishable and colour-blind tolerable for up to ten devices. */
const PALETTE = ['#4c78a8', '#f58518', '#e45756', '#72b7b2', '#54a24b', '#eeca3b', '#b279a2', '#ff9da6', '#9d755d', '#bab0ac'];

/** Colour encoding of the `series` field with a fixed domain, so every figure colours a device the same way. */
export function seriesColour(series: readonly string[], options: { withPaper?: boolean; field?: string; title?: string } = {}): Record<string, unknown> {
  const domain = options.withPaper ? [...series, PAPER_SERIES] : [...series];
  const range = domain.map((s, i) => (s === PAPER_SERIES && options.withPaper ? PAPER_COLOUR : PALETTE[i % PALETTE.length]));
  return {
    field: options.field ?? 'series',
    type: 'nominal',
    title: options.title ?? 'Device',
    scale: { domain, range },
    legend: { orient: 'bottom', direction: 'vertical', labelLimit: 400 },
  };
}

/** Top-level properties every spec shares. */
export function specHeader(title: string, description: string): VegaLiteSpec {
  return { $schema: VEGA_LITE_SCHEMA, title: { text: title, anchor: 'start' }, description, background: 'white' };
}

/** Drops the rows whose `key` is not a finite number (a figure cannot place them). */
export function finiteRows<T>(rows: readonly T[], key: (row: T) => number | null): T[] {
  return rows.filter((r) => {
    const v = key(r);
    return v !== null && Number.isFinite(v);
  });
}

/** Rounds for the inline data so specs stay readable and goldens stable. */
export function round(value: number | null, digits = 6): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  return Number(value.toPrecision(digits));
}

/** How a kernel row was run, in words: the full path or the rearrangement alone, in ONNX or TypeScript. */
export function kernelPath(implementation: string, part: string): string {
  const impl = implementation === 'ts' ? 'TypeScript' : implementation === 'onnx' ? 'ONNX' : implementation;
  return part === 'full' ? `${impl}: conv + rearrangement` : part === 'rearrange' ? `${impl}: rearrangement only` : `${impl}: ${part}`;
}

/** Axis label of a kernel variant: its id, then its label, short enough for an axis. */
export function kernelVariantLabel(id: string, label: string): string {
  const text = label === id ? id : `${id}: ${label}`;
  return text.length > 42 ? `${text.slice(0, 41)}…` : text;
}
