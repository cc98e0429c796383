import type { NormalizedReport } from '../model';
import { fixed, percentOf, significant, UNSTABLE_NOTE, withInterval } from './format';
import { needsSeriesColumn, num, text, type Table } from './table';

/** Decoder timings per device, with the paper's GPU and iPhone FPS beside ours. */
export function decoderThroughputTable(report: NormalizedReport): Table | null {
  if (report.decoders.length === 0) return null;
  const withSeries = needsSeriesColumn(report.decoders);
  return {
    id: 'decoder-throughput',
    section: 'decoder-bench',
    title: 'Decoder throughput',
    caption: `Median decode time and frames per second with 95% bootstrap intervals, p99, and achieved fraction of the compute ceiling per decoder (the best measured GEMM, raised to any decoder that beats it, marked ↑: never above 100%); paper FPS at 512×512 on GPU and iPhone 16 Pro. ${UNSTABLE_NOTE}`,
    columns: [
      ...(withSeries ? [text('Device')] : []),
      text('Decoder'),
      text('Frames×H×W'),
      num('Median (ms) [95% CI]'),
      num('p99 (ms)'),
      num('FPS [95% CI]'),
      num('GFLOP/s'),
      num('Of ceiling'),
      num('Paper GPU FPS'),
      num('Paper iPhone FPS'),
    ],
    rows: report.decoders.map((d) => [
      ...(withSeries ? [d.series] : []),
      d.label,
      d.size,
      withInterval(d.medianMs, d.medianCi95Ms, 1, d.unstable),
      fixed(d.p99Ms, 1),
      withInterval(d.fps, d.fpsCi95, 2, d.unstable),
      significant(d.gflops, 3),
      `${percentOf(d.ceilingFraction)}${d.aboveCeiling ? ' ↑' : ''}`,
      fixed(d.paperGpuFps, 1),
      fixed(d.paperIphoneFps, 1),
    ]),
  };
}

/** Turbo-over-baseline speedups per device next to the paper's GPU speedups. */
export function decoderSpeedupTable(report: NormalizedReport): Table | null {
  if (report.decoderPairs.length === 0) return null;
  const withSeries = needsSeriesColumn(report.decoderPairs);
  return {
    id: 'decoder-speedup',
    section: 'decoder-bench',
    title: 'Turbo-VAED speedup over its baseline',
    caption: `Baseline median time over Turbo median time per pair, with a 95% bootstrap interval over the interleaved runs, next to the speedup the paper reports on GPU. ${UNSTABLE_NOTE}`,
    columns: [...(withSeries ? [text('Device')] : []), text('Turbo decoder'), text('Baseline'), num('Speedup (×) [95% CI]'), num('Paper GPU speedup (×)')],
    rows: report.decoderPairs.map((p) => [...(withSeries ? [p.series] : []), p.turbo, p.baseline, withInterval(p.speedup, p.speedupCi95, 2, p.unstable), fixed(p.paperGpuSpeedup, 1)]),
  };
}
