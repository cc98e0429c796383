import type { NormalizedReport } from '../model';
import { fixed, MISSING } from './format';
import { num, tableOf, text, type Table } from './table';

/** Reproduction of the paper's size table: parameters and MACs, evalkit's next to the paper's. */
export function zooTable(report: NormalizedReport): Table | null {
  const meta = {
    id: 'zoo-sizes',
    section: 'zoo-sizes',
    title: 'Decoder sizes: evalkit vs Turbo-VAED paper',
    caption: 'Parameters (M) and multiply-accumulates (T) of each decoder graph, next to the values the Turbo-VAED paper reports.',
  } as const;
  return tableOf(meta, report.zoo, [
    text('Decoder', (z) => z.label),
    text('Family', (z) => z.family),
    text('Baseline', (z) => z.baseline ?? MISSING),
    num('Params (M)', (z) => fixed(z.paramsM, 2)),
    num('Paper params (M)', (z) => fixed(z.paperParamsM, 1)),
    num('MACs (T)', (z) => fixed(z.macsT, 2)),
    num('Paper MACs (T)', (z) => fixed(z.paperMacsT, 2)),
    text('Frames×H×W', (z) => z.size || MISSING),
    text('Compression', (z) => z.compression || MISSING),
  ]);
}
