import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import { ZOO_PAIRS } from '@evalkit/decoder-zoo';
import type { BenchModel } from './bench-models';

/** Two benched models whose speedup is reported: candidate FPS / baseline FPS. */
export interface BenchPair {
  baseline: string;
  candidate: string;
}

/**
 * The pairs to report. With --pair BASELINE:CANDIDATE entries, exactly those (labels must name
 * benched models); without, the zoo's own baseline/Turbo pairs whose two models are benched.
 */
export function resolvePairs(entries: readonly string[] | undefined, models: readonly BenchModel[]): BenchPair[] {
  if (entries === undefined || entries.length === 0) {
    const pairs: BenchPair[] = [];
    for (const { baseline, turbo } of ZOO_PAIRS) {
      const b = models.find((m) => m.kind === 'zoo' && m.zooModel === baseline);
      const t = models.find((m) => m.kind === 'zoo' && m.zooModel === turbo);
      if (b && t) pairs.push({ baseline: b.id, candidate: t.id });
    }
    return pairs;
  }
  const ids = models.map((m) => m.id);
  const pairs: BenchPair[] = [];
  for (const entry of entries) {
    const parts = entry.split(':');
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'expected BASELINE:CANDIDATE, two labels from --models', { field: '--pair', value: entry });
    const [baseline, candidate] = parts;
    for (const label of [baseline, candidate]) {
      if (!ids.includes(label)) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `"${label}" is not a benched model; the labels are ${ids.join(', ')}`, { field: '--pair', value: entry });
    }
    if (baseline === candidate) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'a pair needs two different models', { field: '--pair', value: entry });
    if (!pairs.some((p) => p.baseline === baseline && p.candidate === candidate)) pairs.push({ baseline, candidate });
  }
  return pairs;
}

/**
 * The groups timed together: the models linked by pairs (a baseline with two candidates is one
 * group of three, timed A B C A B C …, so every pair has paired rounds), then every unpaired model
 * alone. Order follows --models.
 */
export function timingGroups(ids: readonly string[], pairs: readonly BenchPair[]): string[][] {
  const parent = new Map(ids.map((id) => [id, id]));
  const root = (id: string): string => {
    let r = id;
    while (parent.get(r) !== r) r = parent.get(r)!;
    return r;
  };
  for (const p of pairs) parent.set(root(p.candidate), root(p.baseline));
  const groups = new Map<string, string[]>();
  for (const id of ids) {
    const r = root(id);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r)!.push(id);
  }
  // Paired groups first (as before: pairs, then the rest alone), each in --models order.
  const all = [...groups.values()];
  return [...all.filter((g) => g.length > 1), ...all.filter((g) => g.length === 1)];
}
