import type { NormalizedReport } from '../model';
import { fixed, MISSING, percentOf, significant } from './format';
import { needsSeriesColumn, num, text, type Table } from './table';

/** Every kernel measurement, errored ones with their error. */
export function kernelTable(report: NormalizedReport): Table | null {
  if (report.kernels.length === 0) return null;
  const withSeries = needsSeriesColumn(report.kernels);
  return {
    id: 'kernel-latency',
    section: 'kernel-bench',
    title: 'Upsampling kernel latency',
    caption: 'Mean latency with its 95% relative margin, p99, achieved bandwidth and FLOP/s, fractions of the measured memcpy and matmul ceilings, and speedup over variant 1.',
    columns: [
      ...(withSeries ? [text('Device')] : []),
      text('Shape'),
      text('Variant'),
      text('Impl.'),
      text('Part'),
      num('Mean (ms)'),
      num('±95% (%)'),
      num('p99 (ms)'),
      num('GB/s'),
      num('GFLOP/s'),
      num('Of memcpy'),
      num('Of matmul'),
      num('vs variant 1 (×)'),
      text('State'),
    ],
    rows: report.kernels.map((k) => [
      ...(withSeries ? [k.series] : []),
      k.shape,
      k.variant,
      k.implementation || MISSING,
      k.part || MISSING,
      significant(k.meanMs, 4),
      fixed(k.rme, 2),
      significant(k.p99Ms, 4),
      significant(k.gbps, 3),
      significant(k.gflops, 3),
      percentOf(k.fractionOfMemcpy),
      percentOf(k.fractionOfMatmul),
      fixed(k.speedupVsVariant1, 2),
      k.state === 'completed' ? k.state : `${k.state}${k.error ? `: ${k.error}` : ''}`,
    ]),
  };
}
