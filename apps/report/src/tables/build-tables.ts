import type { NormalizedReport } from '../model';
import { agreementTable } from './agreement-table';
import { decoderFilesTable, decoderSpeedupTable, decoderThroughputTable } from './decoder-tables';
import { htpConsistencyTable, htpCostTable, htpSafetyTable, htpWarningTable } from './htp-tables';
import { kernelTable } from './kernel-table';
import { reconQualityTable, retentionTable } from './recon-tables';
import type { Table } from './table';
import { zooTable } from './zoo-table';

/** Every table builder, in page order; each returns null when its data is absent. */
export const TABLE_BUILDERS: readonly ((report: NormalizedReport) => Table | null)[] = [
  zooTable,
  decoderThroughputTable,
  decoderSpeedupTable,
  decoderFilesTable,
  kernelTable,
  reconQualityTable,
  retentionTable,
  htpConsistencyTable,
  htpWarningTable,
  htpSafetyTable,
  htpCostTable,
  agreementTable,
];

/** Builds every table the report's data supports. */
export function buildTables(report: NormalizedReport): Table[] {
  return TABLE_BUILDERS.map((build) => build(report)).filter((t): t is Table => t !== null);
}
