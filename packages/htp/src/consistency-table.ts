import { bootstrapLevelShares, MISSING, subSeed, wilsonInterval } from '@evalkit/agreement';

/**
 * Which cases a percentage is taken over. "all": every case with an output, rated or not (the
 * PsyDraw paper divides by 290 although one report is unrated); "rated": only rated cases.
 */
export type DenominatorPolicy = 'all' | 'rated';

/** One cell of a consistency table: a level's share within one group. Percent and bounds are in %. */
export interface ConsistencyRow extends Record<string, unknown> {
  /** The column the table is grouped by, or null for the overall row set. */
  groupBy: string | null;
  /** The group value ("Total" for all cases). */
  group: string;
  level: string;
  count: number;
  denominator: number;
  percent: number;
  wilsonLow: number;
  wilsonHigh: number;
  /** Percentile bootstrap bounds; null when no resamples were asked for. */
  bootLow: number | null;
  bootHigh: number | null;
}

/** Options of a consistency table. */
export interface ConsistencyOptions {
  /** Level names in ascending order (codes index this list). */
  levels: readonly string[];
  denominator: DenominatorPolicy;
  /** Bootstrap resamples (0 = no bootstrap intervals). */
  bootstrap: number;
  seed: number;
  confidence?: number;
  /** Row order of levels: "descending" (High first, as the paper prints) or "ascending". */
  order?: 'descending' | 'ascending';
}

/** Counts of each level, the number rated and the number of cases. */
export interface LevelCounts {
  counts: Int32Array;
  rated: number;
  n: number;
}

/** Counts each level among codes (MISSING = unrated). */
export function countLevels(codes: Int32Array, q: number): LevelCounts {
  const counts = new Int32Array(q);
  let rated = 0;
  for (const c of codes) {
    if (c === MISSING) continue;
    if (c < 0 || c >= q) throw new RangeError(`code ${c} is not a level index (q=${q})`);
    counts[c] += 1;
    rated += 1;
  }
  return { counts, rated, n: codes.length };
}

/** The distribution of levels in one group, with Wilson and (optionally) bootstrap intervals. */
export function levelDistribution(codes: Int32Array, options: ConsistencyOptions, group = 'Total', groupBy: string | null = null): ConsistencyRow[] {
  const q = options.levels.length;
  const { counts, rated, n } = countLevels(codes, q);
  const denominator = options.denominator === 'all' ? n : rated;
  const boot =
    options.bootstrap > 0
      ? bootstrapLevelShares(codes, q, {
          resamples: options.bootstrap,
          seed: subSeed(options.seed, `${groupBy ?? ''}\u0000${group}`),
          denominator: options.denominator,
          confidence: options.confidence,
        })
      : null;
  const order = Array.from({ length: q }, (_, k) => k);
  if ((options.order ?? 'descending') === 'descending') order.reverse();
  return order.map((k) => {
    const [lo, hi] = wilsonInterval(counts[k], denominator, options.confidence);
    return {
      groupBy,
      group,
      level: options.levels[k],
      count: counts[k],
      denominator,
      percent: denominator > 0 ? (100 * counts[k]) / denominator : 0,
      wilsonLow: 100 * lo,
      wilsonHigh: 100 * hi,
      bootLow: boot ? 100 * boot[k][0] : null,
      bootHigh: boot ? 100 * boot[k][1] : null,
    };
  });
}

/** A grouping column: one value per case, and the order groups are listed in. */
export interface Grouping {
  column: string;
  values: readonly string[];
  /** Group order; default: numeric order when every value is a number, else first appearance. */
  order?: readonly string[];
}

/** Order of groups: declared, else numeric when all values are numbers, else first appearance. */
export function groupOrder(grouping: Grouping): string[] {
  const seen = [...new Set(grouping.values)];
  if (grouping.order) return [...grouping.order.filter((g) => seen.includes(g)), ...seen.filter((g) => !grouping.order!.includes(g))];
  if (seen.every((g) => g.trim() !== '' && Number.isFinite(Number(g)))) return seen.sort((a, b) => Number(a) - Number(b));
  return seen;
}

/** The overall distribution ("Total") followed by the distribution within each group of each grouping. */
export function consistencyTable(codes: Int32Array, groupings: readonly Grouping[], options: ConsistencyOptions): ConsistencyRow[] {
  const rows = levelDistribution(codes, options);
  for (const grouping of groupings) {
    if (grouping.values.length !== codes.length) throw new RangeError(`grouping "${grouping.column}" has ${grouping.values.length} values for ${codes.length} cases`);
    for (const group of groupOrder(grouping)) {
      const sub = codes.filter((_, i) => grouping.values[i] === group);
      rows.push(...levelDistribution(sub, options, group, grouping.column));
    }
  }
  return rows;
}

/** The share of cases with a flag (e.g. flagged Warning), with Wilson and bootstrap intervals in %. */
export interface FlaggedShare {
  count: number;
  n: number;
  percent: number;
  wilsonLow: number;
  wilsonHigh: number;
  bootLow: number | null;
  bootHigh: number | null;
}

/** Share of flagged cases (1 = flagged) with Wilson and percentile bootstrap intervals. */
export function flaggedShare(flags: ArrayLike<number | boolean>, options: { bootstrap: number; seed: number; confidence?: number }): FlaggedShare {
  const codes = Int32Array.from(Array.from(flags, (f) => (f ? 1 : 0)));
  const { counts, n } = countLevels(codes, 2);
  const [lo, hi] = wilsonInterval(counts[1], n, options.confidence);
  const boot = options.bootstrap > 0 ? bootstrapLevelShares(codes, 2, { resamples: options.bootstrap, seed: subSeed(options.seed, 'flagged'), denominator: 'all', confidence: options.confidence })[1] : null;
  return {
    count: counts[1],
    n,
    percent: n > 0 ? (100 * counts[1]) / n : 0,
    wilsonLow: 100 * lo,
    wilsonHigh: 100 * hi,
    bootLow: boot ? 100 * boot[0] : null,
    bootHigh: boot ? 100 * boot[1] : null,
  };
}
