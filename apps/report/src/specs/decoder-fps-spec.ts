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
    fpsLow: round(d.fpsCi95 ? d.fpsCi95[0] : d.fps),
    fpsHigh: round(d.fpsCi95 ? d.fpsCi95[1] : d.fps),
    unstable: d.unstable,
    medianMs: round(d.medianMs),
    p99Ms: round(d.p99Ms),
    ceilingFraction: round(d.ceilingFraction),
  }));
  const series = [...new Set(rows.map((d) => d.series))];
  const title = 'Decoder throughput';
  const description = 'Output frames per second of each decoder (median run) with its 95% bootstrap interval, one point per device (hollow: unstable when measured); log scale because baselines and Turbo decoders differ by an order of magnitude.';
  return {
    id: 'decoder-fps',
    section: 'decoder-bench',
    title,
    description,
    spec: {
      ...specHeader(title, description),
      data: { values },
      encoding: {
        x: { field: 'model', type: 'nominal', sort: null, title: 'Decoder', axis: { labelAngle: -30 } },
        xOffset: { field: 'series', type: 'nominal', sort: series },
        color: seriesColour(series),
      },
      layer: [
        // Points, not bars: bars need a zero baseline, which a log scale cannot have.
        {
          mark: { type: 'point', filled: true, size: 90, tooltip: true },
          encoding: {
            y: { field: 'fps', type: 'quantitative', title: 'Frames per second (log scale)', scale: { type: 'log' } },
            fillOpacity: { condition: { test: 'datum.unstable', value: 0 }, value: 1 },
            tooltip: [
              { field: 'model', type: 'nominal', title: 'Decoder' },
              { field: 'series', type: 'nominal', title: 'Device' },
              { field: 'size', type: 'nominal', title: 'Frames×H×W' },
              { field: 'fps', type: 'quantitative', title: 'FPS', format: '.3g' },
              { field: 'fpsLow', type: 'quantitative', title: 'FPS 95% low', format: '.3g' },
              { field: 'fpsHigh', type: 'quantitative', title: 'FPS 95% high', format: '.3g' },
              { field: 'unstable', type: 'nominal', title: 'Unstable' },
              { field: 'medianMs', type: 'quantitative', title: 'Median (ms)', format: '.1f' },
              { field: 'p99Ms', type: 'quantitative', title: 'p99 (ms)', format: '.1f' },
              { field: 'ceilingFraction', type: 'quantitative', title: 'Fraction of the compute ceiling (best measured GEMM)', format: '.0%' },
            ],
          },
        },
        { mark: { type: 'rule' }, encoding: { y: { field: 'fpsLow', type: 'quantitative', scale: { type: 'log' } }, y2: { field: 'fpsHigh' } } },
      ],
    },
  };
}
