import type { NormalizedReport } from '../model';
import { dataNoteSentence, labelledTitle } from '../tables/htp-tables';
import { PAPER_SERIES, round, seriesColour, specHeader, type Figure } from './figure';

const LEVELS = ['High', 'Moderate', 'Low'];

/** Consistency distribution by group with Wilson 95% intervals, and the paper's percentages as points. */
export function htpConsistencyFigure(report: NormalizedReport): Figure | null {
  const rows = report.htp.filter((r) => Number.isFinite(r.percent));
  if (rows.length === 0) return null;
  // A group of a user's column reads "grade 3", not a bare "3"; the signal groups and Total read as they are.
  const groupLabel = (r: (typeof rows)[number]) => (r.groupBy && r.groupBy !== 'signal' && r.group !== 'Total' ? `${r.groupBy} ${r.group}` : r.group);
  const values = rows.map((r) => ({
    series: r.series,
    group: groupLabel(r),
    level: r.level,
    percent: round(r.percent),
    wilsonLow: round(r.wilsonLow),
    wilsonHigh: round(r.wilsonHigh),
    paperPercent: round(r.paperPercent),
    count: r.count,
    denominator: r.denominator,
  }));
  const series = [...new Set(rows.map((r) => r.series))];
  const levels = [...LEVELS, ...new Set(rows.map((r) => r.level).filter((l) => !LEVELS.includes(l)))];
  const x = { field: 'level', type: 'nominal', sort: levels, title: 'Consistency', axis: { labelAngle: 0 } };
  const xOffset = { field: 'series', type: 'nominal', sort: series };
  const note = report.dataNotes.htp;
  const title = labelledTitle('HTP consistency by group', note);
  const corrected = rows.filter((r) => r.paperNote && r.paperPercent !== null);
  const correctedText = [...new Set(corrected.map((r) => `${r.group}/${r.level} at the corrected ${r.paperPercent!.toFixed(2)}; the paper prints ${r.paperPrinted === null ? '—' : r.paperPrinted.toFixed(2)}`))].join(', ');
  const description = `${note ? `${dataNoteSentence(note)} ` : ''}Share of reports at each consistency level, per group and device, with Wilson 95% intervals; black diamonds are the PsyDraw paper's percentages${correctedText ? ` (${correctedText})` : ''}.`;
  return {
    id: 'htp-consistency',
    section: 'htp-consistency',
    title,
    description,
    spec: {
      ...specHeader(title, description),
      data: { values },
      facet: { column: { field: 'group', type: 'nominal', sort: [...new Set(rows.map(groupLabel))], title: 'Group' } },
      spec: {
        width: { step: 16 * Math.max(2, series.length) },
        height: 220,
        layer: [
          {
            mark: { type: 'bar', tooltip: true },
            encoding: {
              x,
              xOffset,
              y: { field: 'percent', type: 'quantitative', title: 'Reports (%)', scale: { domain: [0, 100] } },
              color: seriesColour(series),
              tooltip: [
                { field: 'group', type: 'nominal', title: 'Group' },
                { field: 'level', type: 'nominal', title: 'Level' },
                { field: 'series', type: 'nominal', title: 'Device' },
                { field: 'count', type: 'quantitative', title: 'Count' },
                { field: 'denominator', type: 'quantitative', title: 'Of' },
                { field: 'percent', type: 'quantitative', title: '%', format: '.2f' },
                { field: 'wilsonLow', type: 'quantitative', title: 'Wilson low', format: '.2f' },
                { field: 'wilsonHigh', type: 'quantitative', title: 'Wilson high', format: '.2f' },
                { field: 'paperPercent', type: 'quantitative', title: `${PAPER_SERIES} %`, format: '.2f' },
              ],
            },
          },
          { mark: { type: 'rule', color: '#222' }, encoding: { x, xOffset, y: { field: 'wilsonLow', type: 'quantitative' }, y2: { field: 'wilsonHigh' } } },
          {
            transform: [{ filter: 'isValid(datum.paperPercent)' }],
            mark: { type: 'point', shape: 'diamond', filled: true, color: 'black', size: 60 },
            encoding: { x, xOffset, y: { field: 'paperPercent', type: 'quantitative' } },
          },
        ],
      },
    },
  };
}
