import type { Grouping } from './consistency-table';
import { caseGroups } from './group-cases';
import { wilsonInterval } from '@evalkit/agreement';

/**
 * The share of reports a system's safety step marked abnormal in one group (PsyDraw's manager step:
 * `classification: false`, after which a fixed safety text replaces the report's signal).
 * Percent and bounds are in %, over the reports that carry a verdict; null when none does.
 */
export interface SafetyRow extends Record<string, unknown> {
  groupBy: string | null;
  group: string;
  /** Reports in the group. */
  reports: number;
  /** Reports with a verdict (true or false); older PsyDraw versions record none. */
  judged: number;
  /** Reports marked abnormal. */
  marked: number;
  percent: number | null;
  wilsonLow: number | null;
  wilsonHigh: number | null;
}

/** Marked-abnormal counts and shares with Wilson intervals: overall ("Total") and per group of each grouping. */
export function safetyShares(classifications: readonly (boolean | null)[], groupings: readonly Grouping[], confidence?: number): SafetyRow[] {
  return caseGroups(classifications.length, groupings).map(({ groupBy, group, indices }) => {
    const verdicts = indices.map((i) => classifications[i]).filter((c): c is boolean => c !== null);
    const marked = verdicts.filter((c) => !c).length;
    const judged = verdicts.length;
    const [lo, hi] = judged > 0 ? wilsonInterval(marked, judged, confidence) : [NaN, NaN];
    return {
      groupBy,
      group,
      reports: indices.length,
      judged,
      marked,
      percent: judged > 0 ? (100 * marked) / judged : null,
      wilsonLow: judged > 0 ? 100 * lo : null,
      wilsonHigh: judged > 0 ? 100 * hi : null,
    };
  });
}
