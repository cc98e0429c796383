import type { NormalizedReport } from '../model';
import { fixed, MISSING } from './format';
import { num, text, type Table } from './table';

/** Reproduction of the paper's size table: parameters and MACs, evalkit's next to the paper's. */
export function zooTable(report: NormalizedReport): Table | null {
  if (report.zoo.length === 0) return null;
  return {
    id: 'zoo-sizes',
    section: 'zoo-sizes',
    title: 'Decoder sizes: evalkit vs Turbo-VAED paper',
    caption: 'Parameters (M) and multiply-accumulates (T) of each decoder graph, next to the values the Turbo-VAED paper reports.',
    columns: [text('Decoder'), text('Family'), text('Baseline'), num('Params (M)'), num('Paper params (M)'), num('MACs (T)'), num('Paper MACs (T)'), text('Frames×H×W'), text('Compression')],
    rows: report.zoo.map((z) => [
      z.label,
      z.family,
      z.baseline ?? MISSING,
      fixed(z.paramsM, 2),
      fixed(z.paperParamsM, 1),
      fixed(z.macsT, 2),
      fixed(z.paperMacsT, 2),
      z.size || MISSING,
      z.compression || MISSING,
    ]),
  };
}
