import type { NormalizedReport } from '../model';
import { bars, figure, intervalRule, intervalTips, KERNEL_TIPS, kernelPath, kernelVariantLabel, numberTip, offsetBy, panels, round, seriesColour, textTip, UNSTABLE_OUTLINE, UNSTABLE_TIP, type Figure } from './figure';

/**
 * Kernel latency by variant, one panel per shape, one bar per device and path (the full
 * conv + rearrangement, or the rearrangement alone in ONNX or TypeScript), with 95% error bars.
 * Bars are never stacked: each is one measurement.
 */
export function kernelLatencyFigure(report: NormalizedReport): Figure | null {
  const rows = report.kernels.filter((k) => k.state === 'completed' && ((k.medianMs !== null && Number.isFinite(k.medianMs)) || (k.meanMs !== null && Number.isFinite(k.meanMs))));
  if (rows.length === 0) return null;
  const multiDevice = new Set(rows.map((k) => k.series)).size > 1;
  const values = rows.map((k) => {
    // The median with its 95% bootstrap interval; documents from before intervals give the mean ± rme
    // (tinybench's 95% margin of error of the mean, in percent of the mean).
    const ci = k.medianCi95Ms;
    const centre = ci ? (k.medianMs as number) : ((k.meanMs ?? k.medianMs) as number);
    const margin = k.rme !== null && Number.isFinite(k.rme) ? (centre * k.rme) / 100 : 0;
    const path = kernelPath(k.implementation, k.part);
    return {
      series: k.series,
      path,
      bar: multiDevice ? `${k.series} · ${path}` : path,
      variant: kernelVariantLabel(k.variantId, k.variant),
      shape: k.shape,
      part: k.part,
      implementation: k.implementation,
      latencyMs: round(centre),
      statistic: ci ? 'median' : 'mean',
      low: round(ci ? ci[0] : Math.max(0, centre - margin)),
      high: round(ci ? ci[1] : centre + margin),
      unstable: k.unstable,
      p99Ms: round(k.p99Ms),
    };
  });
  const barNames = [...new Set(values.map((v) => v.bar))];
  const variants = [...new Set(values.map((v) => v.variant))];
  const xOffset = offsetBy('bar', barNames);
  const x = { field: 'variant', type: 'nominal', sort: variants, title: 'Variant', axis: { labelAngle: -30, labelLimit: 200 } };
  const title = 'Upsampling kernel latency';
  const description = 'Median latency per call by variant, one panel per tensor shape, one bar per device and path (conv + rearrangement, or the rearrangement alone); error bars are the 95% bootstrap interval of the median (the 95% margin of the mean for older documents); dashed outline: unstable when measured.';
  return figure({ id: 'kernel-latency', section: 'kernel-bench', title, description }, values, {
    ...panels({ column: { field: 'shape', type: 'nominal', sort: [...new Set(values.map((v) => v.shape))], title: 'Shape (N×C×T×H×W)' } }, 10 * Math.max(2, barNames.length), 220, {
      layer: [
        bars({
          x,
          xOffset,
          y: { field: 'latencyMs', type: 'quantitative', title: 'Median latency (ms)', stack: null },
          ...UNSTABLE_OUTLINE,
          color: seriesColour(barNames, { field: 'bar', title: multiDevice ? 'Device · path' : 'Path' }),
          tooltip: [
            ...KERNEL_TIPS,
            textTip('path', 'Path'),
            textTip('statistic', 'Statistic'),
            numberTip('latencyMs', 'Latency (ms)', '.4g'),
            ...intervalTips('low', 'high', '.4g', ['95% low (ms)', '95% high (ms)']),
            UNSTABLE_TIP,
            numberTip('p99Ms', 'p99 (ms)', '.4g'),
          ],
        }),
        intervalRule({ x, xOffset }, 'low', 'high'),
      ],
    }),
  });
}
