import type { NormalizedReport } from '../model';
import { bars, figure, KERNEL_TIPS, kernelPath, kernelVariantLabel, numberTip, offsetBy, panels, round, seriesColour, textTip, type Figure } from './figure';

const MEMCPY = 'memory: STREAM copy, best of N';
const MATMUL = 'compute: best measured GEMM';

/** How close each kernel gets to the device's memcpy bandwidth and matmul throughput. */
export function kernelCeilingsFigure(report: NormalizedReport): Figure | null {
  const completed = report.kernels.filter((k) => k.state === 'completed');
  const multiDevice = new Set(completed.map((k) => k.series)).size > 1;
  const values = completed.flatMap((k) => {
    const path = kernelPath(k.implementation, k.part);
    const common = { series: k.series, path, bar: multiDevice ? `${k.series} · ${path}` : path, variant: kernelVariantLabel(k.variantId, k.variant), shape: k.shape };
    return [
      ...(k.fractionOfMemcpy !== null && Number.isFinite(k.fractionOfMemcpy) ? [{ ...common, ceiling: MEMCPY, fraction: round(k.fractionOfMemcpy) }] : []),
      // A rearrangement alone does no arithmetic: only paths with MACs are compared with the matmul ceiling.
      ...(k.fractionOfMatmul !== null && Number.isFinite(k.fractionOfMatmul) && k.fractionOfMatmul > 0 ? [{ ...common, ceiling: MATMUL, fraction: round(k.fractionOfMatmul) }] : []),
    ];
  });
  if (values.length === 0) return null;
  const series = [...new Set(values.map((v) => v.bar))];
  const variants = [...new Set(values.map((v) => v.variant))];
  const title = 'Achieved fraction of the device ceilings';
  const description = 'Achieved bandwidth over the memory ceiling (STREAM-style copy, best of N, one thread) and achieved FLOP/s over the compute ceiling (best onnxruntime GEMM over several sizes and repeats), per variant and shape, one bar per device and path; a row faster than a measured ceiling raises it, so no fraction exceeds 100%.';
  return figure({ id: 'kernel-ceilings', section: 'kernel-bench', title, description }, values, {
    ...panels(
      {
        row: { field: 'ceiling', type: 'nominal', sort: [MEMCPY, MATMUL], title: 'Ceiling' },
        column: { field: 'shape', type: 'nominal', sort: [...new Set(values.map((v) => v.shape))], title: 'Shape (N×C×T×H×W)' },
      },
      10 * Math.max(2, series.length),
      140,
      bars({
        x: { field: 'variant', type: 'nominal', sort: variants, title: 'Variant', axis: { labelAngle: -30, labelLimit: 200 } },
        xOffset: offsetBy('bar', series),
        y: { field: 'fraction', type: 'quantitative', title: 'Fraction of ceiling', axis: { format: '.0%' }, stack: null },
        color: seriesColour(series, { field: 'bar', title: multiDevice ? 'Device · path' : 'Path' }),
        tooltip: [...KERNEL_TIPS, textTip('ceiling', 'Ceiling'), numberTip('fraction', 'Fraction', '.1%')],
      }),
    ),
  });
}
