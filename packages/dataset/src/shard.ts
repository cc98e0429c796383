import { ERROR_CODES, EvalkitError } from '@evalkit/core';

/** Which share of a dataset a run evaluates: shard `index` (0-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * Parses `--shard i/n` (0 ≤ i < n), the form a Slurm array passes as
 * `$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT` with `--array=0-(n-1)`.
 */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index >= count) {
    throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'expected i/n with 0 <= i < n (e.g. 0/4 ... 3/4; a Slurm array --array=0-3)', { field: '--shard', value: text });
  }
  return { index, count };
}

/**
 * The pairs of shard `index` of `count`: the pairs sorted by id, every count-th from position
 * `index`. Depends only on the ids, not on manifest order, so every machine of an array computes
 * the same split, the shards are disjoint, cover the dataset and differ in size by at most one.
 */
export function selectShard<P extends { id: string }>(pairs: readonly P[], index: number, count: number): P[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`shard count must be a positive integer, got ${count}`);
  if (!Number.isInteger(index) || index < 0 || index >= count) throw new RangeError(`shard index must be an integer in [0, ${count}), got ${index}`);
  return sortById(pairs).filter((_, k) => k % count === index);
}

/** Code-unit order of ids: the same on every machine and locale (localeCompare is not). */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A copy sorted by id. */
export function sortById<P extends { id: string }>(items: readonly P[]): P[] {
  return [...items].sort((a, b) => compareIds(a.id, b.id));
}
