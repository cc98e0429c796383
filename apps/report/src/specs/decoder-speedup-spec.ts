import type { NormalizedReport } from '../model';
import { figure, intervalEnds, intervalRule, intervalTips, numberTip, PAPER_SERIES, referenceLine, round, seriesColour, textTip, UNSTABLE_OUTLINE, UNSTABLE_TIP, type Figure } from './figure';

/** Speedup of each candidate decoder (Turbo, or the user's own) over its baseline per device, next to the paper's GPU speedup. */
export function decoderSpeedupFigure(report: NormalizedReport): Figure | null {
  if (report.decoderPairs.length === 0) return null;
  const values: Record<string, unknown>[] = report.decoderPairs.map((p) => {
    const [low, high] = intervalEnds(p.speedup, p.speedupCi95);
    return { pair: p.turbo, baseline: p.baseline, source: p.series, speedup: round(p.speedup), low, high, unstable: p.unstable };
  });
  const paperSeen = new Set<string>();
  for (const p of report.decoderPairs) {
    if (p.paperGpuSpeedup === null || paperSeen.has(p.turbo)) continue;
    paperSeen.add(p.turbo);
    values.push({ pair: p.turbo, baseline: p.baseline, source: PAPER_SERIES, speedup: round(p.paperGpuSpeedup), low: null, high: null, unstable: false });
  }
  const series = [...new Set(report.decoderPairs.map((p) => p.series))];
  const title = 'Decoder speedup over its baseline';
  const description = 'Baseline median time divided by candidate median time for each pair (scaled by their frame counts), per device, with its 95% paired-bootstrap interval (hatched outline: unstable when measured); grey bars are the paper\'s GPU speedups.';
  const place = { x: { field: 'pair', type: 'nominal', sort: null }, xOffset: { field: 'source', type: 'nominal', sort: [...series, PAPER_SERIES] } };
  return figure({ id: 'decoder-speedup', section: 'decoder-bench', title, description }, values, {
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
              textTip('pair', 'Decoder'),
              textTip('baseline', 'Baseline'),
              textTip('source', 'Device'),
              numberTip('speedup', 'Speedup (×)', '.2f'),
              ...intervalTips('low', 'high', '.2f'),
              UNSTABLE_TIP,
            ],
            ...UNSTABLE_OUTLINE,
          },
        },
        { transform: [{ filter: 'datum.low != null' }], ...intervalRule(place, 'low', 'high', { type: 'rule', color: '#000' }) },
        referenceLine('y', 1, { strokeDash: [4, 4], color: '#444' }),
      ],
  });
}
