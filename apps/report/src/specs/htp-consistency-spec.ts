import type { NormalizedReport } from '../model';
import { dataNoteSentence, labelledTitle } from '../tables/htp-tables';
import { bars, DEVICE_TIP, figure, intervalRule, intervalTips, numberTip, offsetBy, panels, PAPER_SERIES, round, seriesColour, textTip, type Figure } from './figure';

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
  const xOffset = offsetBy('series', series);
  const note = report.dataNotes.htp;
  const title = labelledTitle('HTP consistency by group', note);
  const corrected = rows.filter((r) => r.paperNote && r.paperPercent !== null);
  const correctedText = [...new Set(corrected.map((r) => `${r.group}/${r.level} at the corrected ${r.paperPercent!.toFixed(2)}; the paper prints ${r.paperPrinted === null ? '—' : r.paperPrinted.toFixed(2)}`))].join(', ');
  const description = `${note ? `${dataNoteSentence(note)} ` : ''}Share of reports at each consistency level, per group and device, with Wilson 95% intervals; black diamonds are the PsyDraw paper's percentages${correctedText ? ` (${correctedText})` : ''}.`;
  return figure({ id: 'htp-consistency', section: 'htp-consistency', title, description }, values, {
    ...panels(
      { column: { field: 'group', type: 'nominal', sort: [...new Set(rows.map(groupLabel))], title: 'Group' } },
      16 * Math.max(2, series.length),
      220,
      {
        layer: [
          bars({
            x,
            xOffset,
            y: { field: 'percent', type: 'quantitative', title: 'Reports (%)', scale: { domain: [0, 100] } },
            color: seriesColour(series),
            tooltip: [
              textTip('group', 'Group'),
              textTip('level', 'Level'),
              DEVICE_TIP,
              numberTip('count', 'Count'),
              numberTip('denominator', 'Of'),
              numberTip('percent', '%', '.2f'),
              ...intervalTips('wilsonLow', 'wilsonHigh', '.2f', ['Wilson low', 'Wilson high']),
              numberTip('paperPercent', `${PAPER_SERIES} %`, '.2f'),
            ],
          }),
          intervalRule({ x, xOffset }, 'wilsonLow', 'wilsonHigh'),
          {
            transform: [{ filter: 'isValid(datum.paperPercent)' }],
            mark: { type: 'point', shape: 'diamond', filled: true, color: 'black', size: 60 },
            encoding: { x, xOffset, y: { field: 'paperPercent', type: 'quantitative' } },
          },
        ],
      },
      true,
    ),
  });
}
