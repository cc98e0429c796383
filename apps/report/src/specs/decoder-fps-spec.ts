import type { NormalizedReport } from '../model';
import { DEVICE_TIP, figure, finiteRows, intervalEnds, intervalTips, numberTip, round, seriesColour, textTip, UNSTABLE_TIP, type Figure } from './figure';

/** Decoding throughput (frames per second) of every decoder on every device. */
export function decoderFpsFigure(report: NormalizedReport): Figure | null {
  const rows = finiteRows(report.decoders, (d) => (d.fps > 0 ? d.fps : null));
  if (rows.length === 0) return null;
  const values = rows.map((d) => ({
    series: d.series,
    model: d.label,
    size: d.size,
    fps: round(d.fps),
    fpsLow: intervalEnds(d.fps, d.fpsCi95)[0],
    fpsHigh: intervalEnds(d.fps, d.fpsCi95)[1],
    unstable: d.unstable,
    medianMs: round(d.medianMs),
    p99Ms: round(d.p99Ms),
    ceilingFraction: round(d.ceilingFraction),
  }));
  const series = [...new Set(rows.map((d) => d.series))];
  const title = 'Decoder throughput';
  const description = 'Output frames per second of each decoder (median run) with its 95% bootstrap interval, one point per device (hollow: unstable when measured); log scale because baselines and Turbo decoders differ by an order of magnitude.';
  return figure({ id: 'decoder-fps', section: 'decoder-bench', title, description }, values, {
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
              textTip('model', 'Decoder'),
              DEVICE_TIP,
              textTip('size', 'Frames×H×W'),
              numberTip('fps', 'FPS', '.3g'),
              ...intervalTips('fpsLow', 'fpsHigh', '.3g', ['FPS 95% low', 'FPS 95% high']),
              UNSTABLE_TIP,
              numberTip('medianMs', 'Median (ms)', '.1f'),
              numberTip('p99Ms', 'p99 (ms)', '.1f'),
              numberTip('ceilingFraction', 'Fraction of the compute ceiling (best measured GEMM)', '.0%'),
            ],
          },
        },
        { mark: { type: 'rule' }, encoding: { y: { field: 'fpsLow', type: 'quantitative', scale: { type: 'log' } }, y2: { field: 'fpsHigh' } } },
      ],
  });
}
