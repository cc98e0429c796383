import type { NormalizedReport } from '../model';
import { MISSING, percentOf, significant, UNSTABLE_NOTE, withInterval } from './format';
import { needsSeriesColumn, num, text, type Table } from './table';

/** Every kernel measurement, errored ones with their error. */
export function kernelTable(report: NormalizedReport): Table | null {
  if (report.kernels.length === 0) return null;
  const withSeries = needsSeriesColumn(report.kernels);
  return {
    id: 'kernel-latency',
    section: 'kernel-bench',
    title: 'Upsampling kernel latency',
    caption: `Median latency with its 95% bootstrap interval, p99, achieved bandwidth and FLOP/s, fractions of the memory ceiling (STREAM copy, best of N) and the compute ceiling (best measured GEMM), each raised to any row that beats it (marked ↑: never above 100%), and speedup over variant 1 with its interval. ${UNSTABLE_NOTE}`,
    columns: [
      ...(withSeries ? [text('Device')] : []),
      text('Shape'),
      text('Variant'),
      text('Impl.'),
      text('Part'),
      num('Median (ms) [95% CI]'),
      num('p99 (ms)'),
      num('GB/s'),
      num('GFLOP/s'),
      num('Of memory ceiling'),
      num('Of compute ceiling'),
      num('vs variant 1 (×) [95% CI]'),
      text('State'),
    ],
    rows: report.kernels.map((k) => [
      ...(withSeries ? [k.series] : []),
      k.shape,
      k.variant,
      k.implementation || MISSING,
      k.part || MISSING,
      k.medianMs === null ? MISSING : `${significant(k.medianMs, 4)}${k.medianCi95Ms ? `\u2009[${significant(k.medianCi95Ms[0], 4)}, ${significant(k.medianCi95Ms[1], 4)}]` : ''}${k.unstable ? '†' : ''}`,
      significant(k.p99Ms, 4),
      significant(k.gbps, 3),
      significant(k.gflops, 3),
      `${percentOf(k.fractionOfMemcpy)}${k.aboveCeiling.includes('memcpy') ? ' ↑' : ''}`,
      `${percentOf(k.fractionOfMatmul)}${k.aboveCeiling.includes('matmul') ? ' ↑' : ''}`,
      withInterval(k.speedupVsVariant1, k.speedupVsVariant1Ci95, 2),
      k.state === 'completed' ? k.state : `${k.state}${k.error ? `: ${k.error}` : ''}`,
    ]),
  };
}
