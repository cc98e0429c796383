import type { NormalizedReport } from '../model';
import { PAPER_SERIES, round, seriesColour, specHeader, type Figure } from './figure';

/** Speedup of each candidate decoder (Turbo, or the user's own) over its baseline per device, next to the paper's GPU speedup. */
export function decoderSpeedupFigure(report: NormalizedReport): Figure | null {
  if (report.decoderPairs.length === 0) return null;
  const values: Record<string, unknown>[] = report.decoderPairs.map((p) => ({
    pair: p.turbo,
    baseline: p.baseline,
    source: p.series,
    speedup: round(p.speedup),
    low: round(p.speedupCi95 ? p.speedupCi95[0] : p.speedup),
    high: round(p.speedupCi95 ? p.speedupCi95[1] : p.speedup),
    unstable: p.unstable,
  }));
  const paperSeen = new Set<string>();
  for (const p of report.decoderPairs) {
    if (p.paperGpuSpeedup === null || paperSeen.has(p.turbo)) continue;
    paperSeen.add(p.turbo);
    values.push({ pair: p.turbo, baseline: p.baseline, source: PAPER_SERIES, speedup: round(p.paperGpuSpeedup), low: null, high: null, unstable: false });
  }
  const series = [...new Set(report.decoderPairs.map((p) => p.series))];
  const title = 'Decoder speedup over its baseline';
  const description = 'Baseline median time divided by candidate median time for each pair (scaled by their frame counts), per device, with its 95% paired-bootstrap interval (hatched outline: unstable when measured); grey bars are the paper\'s GPU speedups.';
  return {
    id: 'decoder-speedup',
    section: 'decoder-bench',
    title,
    description,
    spec: {
      ...specHeader(title, description),
      data: { values },
      width: { step: 16 * (series.length + 2) },
      layer: [
        {
          mark: { type: 'bar', tooltip: true },
          encoding: {
            x: { field: 'pair', type: 'nominal', sort: null, title: 'Decoder (over its baseline)', axis: { labelAngle: -20, labelLimit: 240 } },
            xOffset: { field: 'source', type: 'nominal', sort: [...series, PAPER_SERIES] },
            y: { field: 'speedup', type: 'quantitative', title: 'Speedup (×)' },
            color: seriesColour(series, { withPaper: true, field: 'source', title: 'Device' }),
            tooltip: [
              { field: 'pair', type: 'nominal', title: 'Decoder' },
              { field: 'baseline', type: 'nominal', title: 'Baseline' },
              { field: 'source', type: 'nominal', title: 'Device' },
              { field: 'speedup', type: 'quantitative', title: 'Speedup (×)', format: '.2f' },
              { field: 'low', type: 'quantitative', title: '95% low', format: '.2f' },
              { field: 'high', type: 'quantitative', title: '95% high', format: '.2f' },
              { field: 'unstable', type: 'nominal', title: 'Unstable' },
            ],
            strokeDash: { condition: { test: 'datum.unstable', value: [3, 2] }, value: [1, 0] },
            stroke: { condition: { test: 'datum.unstable', value: '#000' }, value: null },
          },
        },
        {
          transform: [{ filter: 'datum.low != null' }],
          mark: { type: 'rule', color: '#000' },
          encoding: {
            x: { field: 'pair', type: 'nominal', sort: null },
            xOffset: { field: 'source', type: 'nominal', sort: [...series, PAPER_SERIES] },
            y: { field: 'low', type: 'quantitative' },
            y2: { field: 'high' },
          },
        },
        { data: { values: [{}] }, mark: { type: 'rule', strokeDash: [4, 4], color: '#444' }, encoding: { y: { datum: 1 } } },
      ],
    },
  };
}
