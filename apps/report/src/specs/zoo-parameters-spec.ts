import type { NormalizedReport } from '../model';
import { PAPER_SERIES, seriesColour, specHeader, round, type Figure } from './figure';

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
  return {
    id: 'zoo-parameters',
    section: 'zoo-sizes',
    title,
    description,
    spec: {
      ...specHeader(title, description),
      data: { values },
      mark: { type: 'bar', tooltip: true },
      encoding: {
        x: { field: 'model', type: 'nominal', sort: null, title: 'Decoder', axis: { labelAngle: -30 } },
        xOffset: { field: 'source', type: 'nominal', sort: [ours, PAPER_SERIES] },
        y: { field: 'paramsM', type: 'quantitative', title: 'Parameters (M)' },
        color: seriesColour([ours], { withPaper: true, field: 'source', title: 'Source' }),
        tooltip: [
          { field: 'model', type: 'nominal', title: 'Decoder' },
          { field: 'source', type: 'nominal', title: 'Source' },
          { field: 'paramsM', type: 'quantitative', title: 'Parameters (M)', format: '.2f' },
        ],
      },
    },
  };
}
