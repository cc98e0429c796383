import type { NormalizedReport } from '../model';
import { kernelPath, kernelVariantLabel, round, seriesColour, specHeader, type Figure } from './figure';

/**
 * Kernel latency by variant, one panel per shape, one bar per device and path (the full
 * conv + rearrangement, or the rearrangement alone in ONNX or TypeScript), with 95% error bars.
 * Bars are never stacked: each is one measurement.
 */
export function kernelLatencyFigure(report: NormalizedReport): Figure | null {
  const rows = report.kernels.filter((k) => k.state === 'completed' && k.meanMs !== null && Number.isFinite(k.meanMs));
  if (rows.length === 0) return null;
  const multiDevice = new Set(rows.map((k) => k.series)).size > 1;
  const values = rows.map((k) => {
    const mean = k.meanMs as number;
    // tinybench's rme is the 95% margin of error of the mean, in percent of the mean.
    const margin = k.rme !== null && Number.isFinite(k.rme) ? (mean * k.rme) / 100 : 0;
    const path = kernelPath(k.implementation, k.part);
    return {
      series: k.series,
      path,
      bar: multiDevice ? `${k.series} · ${path}` : path,
      variant: kernelVariantLabel(k.variantId, k.variant),
      shape: k.shape,
      part: k.part,
      implementation: k.implementation,
      meanMs: round(mean),
      low: round(Math.max(0, mean - margin)),
      high: round(mean + margin),
      p99Ms: round(k.p99Ms),
      rme: round(k.rme),
    };
  });
  const bars = [...new Set(values.map((v) => v.bar))];
  const variants = [...new Set(values.map((v) => v.variant))];
  const xOffset = { field: 'bar', type: 'nominal', sort: bars };
  const x = { field: 'variant', type: 'nominal', sort: variants, title: 'Variant', axis: { labelAngle: -30, labelLimit: 200 } };
  const title = 'Upsampling kernel latency';
  const description = 'Mean latency per call by variant, one panel per tensor shape, one bar per device and path (conv + rearrangement, or the rearrangement alone); error bars are the 95% margin of the mean.';
  return {
    id: 'kernel-latency',
    section: 'kernel-bench',
    title,
    description,
    spec: {
      ...specHeader(title, description),
      data: { values },
      facet: { column: { field: 'shape', type: 'nominal', sort: [...new Set(values.map((v) => v.shape))], title: 'Shape (N×C×T×H×W)' } },
      spec: {
        width: { step: 10 * Math.max(2, bars.length) },
        height: 220,
        layer: [
          {
            mark: { type: 'bar', tooltip: true },
            encoding: {
              x,
              xOffset,
              y: { field: 'meanMs', type: 'quantitative', title: 'Mean latency (ms)', stack: null },
              color: seriesColour(bars, { field: 'bar', title: multiDevice ? 'Device · path' : 'Path' }),
              tooltip: [
                { field: 'variant', type: 'nominal', title: 'Variant' },
                { field: 'shape', type: 'nominal', title: 'Shape' },
                { field: 'series', type: 'nominal', title: 'Device' },
                { field: 'path', type: 'nominal', title: 'Path' },
                { field: 'meanMs', type: 'quantitative', title: 'Mean (ms)', format: '.4g' },
                { field: 'rme', type: 'quantitative', title: '± (% of mean, 95%)', format: '.2f' },
                { field: 'p99Ms', type: 'quantitative', title: 'p99 (ms)', format: '.4g' },
              ],
            },
          },
          {
            mark: { type: 'rule', color: '#222' },
            encoding: { x, xOffset, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' } },
          },
        ],
      },
      resolve: { scale: { y: 'independent' } },
    },
  };
}
