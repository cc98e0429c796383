import type { NormalizedReport } from '../model';
import { dataNoteSentence, labelledTitle } from '../tables/htp-tables';
import { DEVICE_TIP, figure, intervalTips, numberTip, referenceLine, round, seriesColour, textTip, type Figure } from './figure';

/** Agreement coefficients with their 95% intervals, one row per coefficient. */
export function agreementFigure(report: NormalizedReport): Figure | null {
  const rows = report.agreement.filter((r) => Number.isFinite(r.value));
  if (rows.length === 0) return null;
  // Raters go into the label only when they differ between rows; otherwise they are in the tooltip.
  const manyRaters = new Set(rows.map((r) => r.raters)).size > 1;
  const values = rows.map((r) => ({
    series: r.series,
    coefficient: [r.statistic, r.variant ? `(${r.variant})` : '', manyRaters && r.raters ? `· ${r.raters}` : ''].filter((s) => s).join(' '),
    raters: r.raters,
    value: round(r.value),
    ciLow: round(r.ciLow),
    ciHigh: round(r.ciHigh),
    se: round(r.se),
  }));
  const series = [...new Set(rows.map((r) => r.series))];
  const y = { field: 'coefficient', type: 'nominal', sort: [...new Set(values.map((v) => v.coefficient))], title: null, axis: { labelLimit: 320 } };
  const yOffset = { field: 'series', type: 'nominal', sort: series };
  const note = report.dataNotes.agreement;
  const title = labelledTitle('Agreement coefficients', note);
  const description = `${note ? `${dataNoteSentence(note)} ` : ''}Each coefficient with its 95% interval (where the document gives one), one mark per device.`;
  return figure({ id: 'agreement', section: 'agreement', title, description }, values, {
    width: 360,
    height: { step: 12 * Math.max(2, series.length) },
    layer: [
      {
        transform: [{ filter: 'isValid(datum.ciLow) && isValid(datum.ciHigh)' }],
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: { y, yOffset, x: { field: 'ciLow', type: 'quantitative' }, x2: { field: 'ciHigh' }, color: seriesColour(series) },
      },
      {
        mark: { type: 'point', filled: true, size: 60, tooltip: true },
        encoding: {
          y,
          yOffset,
          x: { field: 'value', type: 'quantitative', title: 'Coefficient', scale: { zero: true } },
          color: seriesColour(series),
          tooltip: [
            textTip('coefficient', 'Coefficient'),
            textTip('raters', 'Raters'),
            DEVICE_TIP,
            numberTip('value', 'Value', '.4f'),
            numberTip('se', 'SE', '.4f'),
            ...intervalTips('ciLow', 'ciHigh', '.4f'),
          ],
        },
      },
      referenceLine('x', 0, { strokeDash: [3, 3], color: '#888' }),
    ],
  });
}
