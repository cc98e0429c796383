import type { NormalizedReport } from '../model';
import { figure, numberTip, PAPER_SERIES, round, seriesColour, textTip, type Figure } from './figure';

/** Parameters of every decoder: evalkit's count next to the paper's. */
export function zooParametersFigure(report: NormalizedReport): Figure | null {
  if (report.zoo.length === 0) return null;
  const ours = 'evalkit';
  const values = report.zoo.flatMap((z) => [
    { model: z.label, family: z.family, source: ours, paramsM: round(z.paramsM) },
    ...(z.paperParamsM !== null ? [{ model: z.label, family: z.family, source: PAPER_SERIES, paramsM: round(z.paperParamsM) }] : []),
  ]);
  const title = 'Decoder parameters: evalkit vs paper';
  const description = 'Parameter count (millions) of each decoder graph evalkit builds, next to the number the paper reports.';
  return figure({ id: 'zoo-parameters', section: 'zoo-sizes', title, description }, values, {
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: { field: 'model', type: 'nominal', sort: null, title: 'Decoder', axis: { labelAngle: -30 } },
      xOffset: { field: 'source', type: 'nominal', sort: [ours, PAPER_SERIES] },
      y: { field: 'paramsM', type: 'quantitative', title: 'Parameters (M)' },
      color: seriesColour([ours], { withPaper: true, field: 'source', title: 'Source' }),
      tooltip: [textTip('model', 'Decoder'), textTip('source', 'Source'), numberTip('paramsM', 'Parameters (M)', '.2f')],
    },
  });
}
