import type { NormalizedReport } from '../model';
import { fixed, percentOf, significant } from './format';
import { needsSeriesColumn, num, text, type Table } from './table';

/** Decoder timings per device, with the paper's GPU and iPhone FPS beside ours. */
export function decoderThroughputTable(report: NormalizedReport): Table | null {
  if (report.decoders.length === 0) return null;
  const withSeries = needsSeriesColumn(report.decoders);
  return {
    id: 'decoder-throughput',
    section: 'decoder-bench',
    title: 'Decoder throughput',
    caption: 'Median and p99 decode time, frames per second and achieved fraction of the matmul ceiling per decoder; paper FPS at 512×512 on GPU and iPhone 16 Pro.',
    columns: [
      ...(withSeries ? [text('Device')] : []),
      text('Decoder'),
      text('Frames×H×W'),
      num('Median (ms)'),
      num('p99 (ms)'),
      num('FPS'),
      num('GFLOP/s'),
      num('Of ceiling'),
      num('Paper GPU FPS'),
      num('Paper iPhone FPS'),
    ],
    rows: report.decoders.map((d) => [
      ...(withSeries ? [d.series] : []),
      d.label,
      d.size,
      fixed(d.medianMs, 1),
      fixed(d.p99Ms, 1),
      significant(d.fps, 3),
      significant(d.gflops, 3),
      percentOf(d.ceilingFraction),
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
    caption: 'Baseline median time over Turbo median time per pair, next to the speedup the paper reports on GPU.',
    columns: [...(withSeries ? [text('Device')] : []), text('Turbo decoder'), text('Baseline'), num('Speedup (×)'), num('Paper GPU speedup (×)')],
    rows: report.decoderPairs.map((p) => [...(withSeries ? [p.series] : []), p.turbo, p.baseline, fixed(p.speedup, 2), fixed(p.paperGpuSpeedup, 1)]),
  };
}
