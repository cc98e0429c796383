import type { NormalizedReport } from '../model';
import { MISSING, percentOf, significant, UNSTABLE_NOTE, withInterval } from './format';
import { num, tableOf, text, type Table } from './table';

/** Every kernel measurement, errored ones with their error. */
export function kernelTable(report: NormalizedReport): Table | null {
  const meta = {
    id: 'kernel-latency',
    section: 'kernel-bench',
    title: 'Upsampling kernel latency',
    caption: `Median latency with its 95% bootstrap interval, p99, achieved bandwidth and FLOP/s, fractions of the memory ceiling (STREAM copy, best of N) and the compute ceiling (best measured GEMM), each raised to any row that beats it (marked ↑: never above 100%), and speedup over variant 1 with its interval. ${UNSTABLE_NOTE}`,
  } as const;
  return tableOf(meta, report.kernels, [
    text('Shape', (k) => k.shape),
    text('Variant', (k) => k.variant),
    text('Impl.', (k) => k.implementation || MISSING),
    text('Part', (k) => k.part || MISSING),
    num('Median (ms) [95% CI]', (k) =>
      k.medianMs === null ? MISSING : `${significant(k.medianMs, 4)}${k.medianCi95Ms ? `\u2009[${significant(k.medianCi95Ms[0], 4)}, ${significant(k.medianCi95Ms[1], 4)}]` : ''}${k.unstable ? '†' : ''}`,
    ),
    num('p99 (ms)', (k) => significant(k.p99Ms, 4)),
    num('GB/s', (k) => significant(k.gbps, 3)),
    num('GFLOP/s', (k) => significant(k.gflops, 3)),
    num('Of memory ceiling', (k) => `${percentOf(k.fractionOfMemcpy)}${k.aboveCeiling.includes('memcpy') ? ' ↑' : ''}`),
    num('Of compute ceiling', (k) => `${percentOf(k.fractionOfMatmul)}${k.aboveCeiling.includes('matmul') ? ' ↑' : ''}`),
    num('vs variant 1 (×) [95% CI]', (k) => withInterval(k.speedupVsVariant1, k.speedupVsVariant1Ci95, 2)),
    text('State', (k) => (k.state === 'completed' ? k.state : `${k.state}${k.error ? `: ${k.error}` : ''}`)),
  ]);
}
