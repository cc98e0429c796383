import { quantileSorted } from '@evalkit/agreement';
import type { Grouping } from './consistency-table';
import { caseGroups } from './group-cases';
import type { TokenUsage } from './htp-output';

/** Which token count a cost row describes. */
export type TokenKind = 'total' | 'prompt' | 'completion';

/**
 * What writing the reports of one group cost in tokens of one kind: the sum and the per-report mean,
 * median and 95th percentile (type-7 quantiles, as numpy's default), over the reports that record it.
 */
export interface CostRow extends Record<string, unknown> {
  groupBy: string | null;
  group: string;
  tokens: TokenKind;
  /** Reports in the group. */
  reports: number;
  /** Reports that record this count. */
  counted: number;
  sum: number;
  mean: number | null;
  median: number | null;
  p95: number | null;
}

const KINDS: readonly TokenKind[] = ['total', 'prompt', 'completion'];

/** Token cost per group ("Total" first) and kind (total, prompt, completion). */
export function tokenCost(usage: readonly (TokenUsage | null)[], groupings: readonly Grouping[]): CostRow[] {
  const rows: CostRow[] = [];
  for (const { groupBy, group, indices } of caseGroups(usage.length, groupings)) {
    for (const tokens of KINDS) {
      const values = Float64Array.from(indices.flatMap((i) => {
        const v = usage[i]?.[tokens];
        return v === null || v === undefined ? [] : [v];
      })).sort();
      const sum = values.reduce((a, b) => a + b, 0);
      const some = values.length > 0;
      rows.push({
        groupBy,
        group,
        tokens,
        reports: indices.length,
        counted: values.length,
        sum,
        mean: some ? sum / values.length : null,
        median: some ? quantileSorted(values, 0.5) : null,
        p95: some ? quantileSorted(values, 0.95) : null,
      });
    }
  }
  return rows;
}
