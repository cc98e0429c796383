import type { NormalizedReport } from '../model';
import { figure, numberTip, RECONSTRUCTION_TIP, referenceLine, round, seriesColour, textTip, type Figure } from './figure';

/** Quality retention per metric (test over baseline), with the paper's claimed retention as a line. */
export function qualityRetentionFigure(report: NormalizedReport): Figure | null {
  const rows = report.retention.filter((r) => Number.isFinite(r.retention));
  if (rows.length === 0) return null;
  const values = rows.map((r) => ({
    comparison: r.comparison,
    metric: r.metric,
    retention: round(r.retention),
    baseline: round(r.baseline),
    test: round(r.test),
    higherIsBetter: r.higherIsBetter,
  }));
  const comparisons = [...new Set(rows.map((r) => r.comparison))];
  const layer: Record<string, unknown>[] = [
    {
      mark: { type: 'bar', tooltip: true },
      encoding: {
        x: { field: 'metric', type: 'nominal', sort: null, title: 'Metric', axis: { labelAngle: 0 } },
        xOffset: { field: 'comparison', type: 'nominal', sort: comparisons },
        y: { field: 'retention', type: 'quantitative', title: 'Retention (test / baseline)', axis: { format: '.0%' } },
        color: seriesColour(comparisons, { field: 'comparison', title: 'Reconstruction' }),
        tooltip: [
          textTip('metric', 'Metric'),
          RECONSTRUCTION_TIP,
          numberTip('baseline', 'Baseline', '.4f'),
          numberTip('test', 'Test', '.4f'),
          numberTip('retention', 'Retention', '.1%'),
        ],
      },
    },
  ];
  const claim = report.paperQualityRetention;
  if (claim !== null) {
    layer.push(
      referenceLine('y', claim, { strokeDash: [4, 4], color: '#444' }),
      {
        data: { values: [{}] },
        mark: { type: 'text', align: 'right', dx: -4, dy: 10, color: '#444' },
        encoding: { x: { value: { expr: 'width' } }, y: { datum: claim }, text: { value: `paper claim ${(claim * 100).toFixed(1)}%` } },
      },
    );
  }
  const title = 'Quality retention';
  const description = 'Each metric of the test reconstruction relative to the baseline (inverted for lower-is-better metrics); the dashed line is the retention the Turbo-VAED paper claims.';
  return figure({ id: 'quality-retention', section: 'recon-metrics', title, description }, values, { width: { step: 16 * (comparisons.length + 2) }, layer });
}
