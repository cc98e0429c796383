import type { NormalizedReport } from '../model';
import { finiteRows, round, seriesColour, specHeader, type Figure } from './figure';

/** Decoding throughput (frames per second) of every decoder on every device. */
export function decoderFpsFigure(report: NormalizedReport): Figure | null {
  const rows = finiteRows(report.decoders, (d) => (d.fps > 0 ? d.fps : null));
  if (rows.length === 0) return null;
  const values = rows.map((d) => ({
    series: d.series,
    model: d.label,
    size: d.size,
    fps: round(d.fps),
    medianMs: round(d.medianMs),
    p99Ms: round(d.p99Ms),
    ceilingFraction: round(d.ceilingFraction),
  }));
  const series = [...new Set(rows.map((d) => d.series))];
  const title = 'Decoder throughput';
  const description = 'Output frames per second of each decoder (median run), one point per device; log scale because baselines and Turbo decoders differ by an order of magnitude.';
  return {
    id: 'decoder-fps',
    section: 'decoder-bench',
    title,
    description,
    spec: {
      ...specHeader(title, description),
      data: { values },
      // Points, not bars: bars need a zero baseline, which a log scale cannot have.
      mark: { type: 'point', filled: true, size: 90, tooltip: true },
      encoding: {
        x: { field: 'model', type: 'nominal', sort: null, title: 'Decoder', axis: { labelAngle: -30 } },
        xOffset: { field: 'series', type: 'nominal', sort: series },
        y: { field: 'fps', type: 'quantitative', title: 'Frames per second (log scale)', scale: { type: 'log' } },
        color: seriesColour(series),
        tooltip: [
          { field: 'model', type: 'nominal', title: 'Decoder' },
          { field: 'series', type: 'nominal', title: 'Device' },
          { field: 'size', type: 'nominal', title: 'Frames×H×W' },
          { field: 'fps', type: 'quantitative', title: 'FPS', format: '.3g' },
          { field: 'medianMs', type: 'quantitative', title: 'Median (ms)', format: '.1f' },
          { field: 'p99Ms', type: 'quantitative', title: 'p99 (ms)', format: '.1f' },
          { field: 'ceilingFraction', type: 'quantitative', title: 'Fraction of matmul ceiling', format: '.0%' },
        ],
      },
    },
  };
}
