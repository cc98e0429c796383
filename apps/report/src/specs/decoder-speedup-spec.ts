import type { NormalizedReport } from '../model';
import { PAPER_SERIES, round, seriesColour, specHeader, type Figure } from './figure';

/** Speedup of each Turbo decoder over its baseline per device, next to the paper's GPU speedup. */
export function decoderSpeedupFigure(report: NormalizedReport): Figure | null {
  if (report.decoderPairs.length === 0) return null;
  const values: Record<string, unknown>[] = report.decoderPairs.map((p) => ({ pair: p.turbo, baseline: p.baseline, source: p.series, speedup: round(p.speedup) }));
  const paperSeen = new Set<string>();
  for (const p of report.decoderPairs) {
    if (p.paperGpuSpeedup === null || paperSeen.has(p.turbo)) continue;
    paperSeen.add(p.turbo);
    values.push({ pair: p.turbo, baseline: p.baseline, source: PAPER_SERIES, speedup: round(p.paperGpuSpeedup) });
  }
  const series = [...new Set(report.decoderPairs.map((p) => p.series))];
  const title = 'Turbo-VAED speedup over its baseline';
  const description = 'Baseline median time divided by Turbo median time for each pair, per device; grey bars are the paper\'s GPU speedups.';
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
            x: { field: 'pair', type: 'nominal', sort: null, title: 'Turbo decoder (over its baseline)', axis: { labelAngle: -20, labelLimit: 240 } },
            xOffset: { field: 'source', type: 'nominal', sort: [...series, PAPER_SERIES] },
            y: { field: 'speedup', type: 'quantitative', title: 'Speedup (×)' },
            color: seriesColour(series, { withPaper: true, field: 'source', title: 'Device' }),
            tooltip: [
              { field: 'pair', type: 'nominal', title: 'Turbo decoder' },
              { field: 'baseline', type: 'nominal', title: 'Baseline' },
              { field: 'source', type: 'nominal', title: 'Device' },
              { field: 'speedup', type: 'quantitative', title: 'Speedup (×)', format: '.2f' },
            ],
          },
        },
        { data: { values: [{}] }, mark: { type: 'rule', strokeDash: [4, 4], color: '#444' }, encoding: { y: { datum: 1 } } },
      ],
    },
  };
}
