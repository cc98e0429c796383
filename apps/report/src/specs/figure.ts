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

/** What a figure says about itself, besides its spec. */
export type FigureMeta = Omit<Figure, 'spec'>;

/**
 * A figure whose spec opens the way every spec does (the shared header, then the inline data rows)
 * and goes on with `body` (marks, encodings, facets), in that key order so the goldens stay stable.
 */
export function figure(meta: FigureMeta, values: readonly unknown[], body: VegaLiteSpec): Figure {
  return { ...meta, spec: { ...specHeader(meta.title, meta.description), data: { values }, ...body } };
}

/** Tooltip entry of a text field. */
export function textTip(field: string, title: string): Record<string, unknown> {
  return { field, type: 'nominal', title };
}

/** Tooltip entry of a number, with its d3 format when it needs one. */
export function numberTip(field: string, title: string, format?: string): Record<string, unknown> {
  return format === undefined ? { field, type: 'quantitative', title } : { field, type: 'quantitative', title, format };
}

/** The device a mark belongs to (every figure's rows carry it as `series`). */
export const DEVICE_TIP = textTip('series', 'Device');

/** Which reconstruction a recon row compares. */
export const RECONSTRUCTION_TIP = textTip('comparison', 'Reconstruction');

/** Where a kernel row was measured: variant, shape, device. */
export const KERNEL_TIPS: readonly Record<string, unknown>[] = [textTip('variant', 'Variant'), textTip('shape', 'Shape'), DEVICE_TIP];

/** Whether the value was unstable when measured. */
export const UNSTABLE_TIP = textTip('unstable', 'Unstable');

/** Tooltip entries of the two ends of an interval. */
export function intervalTips(low: string, high: string, format: string, titles: readonly [string, string] = ['95% low', '95% high']): Record<string, unknown>[] {
  return [numberTip(low, titles[0], format), numberTip(high, titles[1], format)];
}

/** A rule from `low` to `high` at each mark's place: the error bar of a point or bar. */
export function intervalRule(place: Record<string, unknown>, low: string, high: string, mark: Record<string, unknown> = { type: 'rule', color: '#222' }): VegaLiteSpec {
  return { mark, encoding: { ...place, y: { field: low, type: 'quantitative' }, y2: { field: high } } };
}

/** Dashed outline of the bars measured unstable (strokeDash and stroke encodings). */
export const UNSTABLE_OUTLINE = {
  strokeDash: { condition: { test: 'datum.unstable', value: [3, 2] }, value: [1, 0] },
  stroke: { condition: { test: 'datum.unstable', value: '#000' }, value: null },
};

/** A dashed reference line across the plot at `datum` on the `axis` channel. */
export function referenceLine(axis: 'x' | 'y', datum: number, mark: Record<string, unknown>): VegaLiteSpec {
  return { data: { values: [{}] }, mark: { type: 'rule', ...mark }, encoding: { [axis]: { datum } } };
}

/** Bars with tooltips, placed by `encoding` (grouped side by side through its xOffset). */
export function bars(encoding: Record<string, unknown>): VegaLiteSpec {
  return { mark: { type: 'bar', tooltip: true }, encoding };
}

/** Places marks side by side within a band, one per value of `field`, in `sort` order. */
export function offsetBy(field: string, sort: readonly string[]): Record<string, unknown> {
  return { field, type: 'nominal', sort };
}

/** Small multiples: one panel per value of the `facet` fields, `step` pixels per band and `height` tall; each panel's y scale its own unless `sharedY`. */
export function panels(facet: Record<string, unknown>, step: number, height: number, panel: VegaLiteSpec, sharedY = false): VegaLiteSpec {
  return { facet, spec: { width: { step }, height, ...panel }, ...(sharedY ? {} : { resolve: { scale: { y: 'independent' } } }) };
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

/** The rounded ends of a 95% interval; the value at both ends where there is none (a mark without an error bar). */
export function intervalEnds(value: number, ci: readonly [number, number] | null): [number | null, number | null] {
  return ci ? [round(ci[0]), round(ci[1])] : [round(value), round(value)];
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
