import { groupOrder, type Grouping } from './consistency-table';

/** The cases of one table group: all of them ("Total") or those with one value of a grouping column. */
export interface CaseGroup {
  groupBy: string | null;
  group: string;
  indices: number[];
}

/** "Total" (every case), then each group of each grouping in groupOrder, as lists of case indices. */
export function caseGroups(n: number, groupings: readonly Grouping[]): CaseGroup[] {
  const groups: CaseGroup[] = [{ groupBy: null, group: 'Total', indices: Array.from({ length: n }, (_, i) => i) }];
  for (const grouping of groupings) {
    if (grouping.values.length !== n) throw new RangeError(`grouping "${grouping.column}" has ${grouping.values.length} values for ${n} cases`);
    for (const group of groupOrder(grouping)) {
      groups.push({ groupBy: grouping.column, group, indices: grouping.values.flatMap((v, i) => (v === group ? [i] : [])) });
    }
  }
  return groups;
}
