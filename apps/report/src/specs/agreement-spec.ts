import type { NormalizedReport } from '../model';
import { dataNoteSentence, labelledTitle } from '../tables/htp-tables';
import { round, seriesColour, specHeader, type Figure } from './figure';

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
  return {
    id: 'agreement',
    section: 'agreement',
    title,
    description,
    spec: {
      ...specHeader(title, description),
      data: { values },
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
              { field: 'coefficient', type: 'nominal', title: 'Coefficient' },
              { field: 'raters', type: 'nominal', title: 'Raters' },
              { field: 'series', type: 'nominal', title: 'Device' },
              { field: 'value', type: 'quantitative', title: 'Value', format: '.4f' },
              { field: 'se', type: 'quantitative', title: 'SE', format: '.4f' },
              { field: 'ciLow', type: 'quantitative', title: '95% low', format: '.4f' },
              { field: 'ciHigh', type: 'quantitative', title: '95% high', format: '.4f' },
            ],
          },
        },
        { data: { values: [{}] }, mark: { type: 'rule', strokeDash: [3, 3], color: '#888' }, encoding: { x: { datum: 0 } } },
      ],
    },
  };
}
