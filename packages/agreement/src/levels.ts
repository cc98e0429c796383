/**
 * Declared category orders. Every statistic works on integer codes into a declared level list, so
 * string labels are never sorted alphabetically (which would put High < Low < Moderate).
 */

/** Code used for a missing rating in every Int32Array of codes. */
export const MISSING = -1;

/** Label texts that mean "explicitly not rated" (compared case-insensitively after trimming). */
export const MISSING_LABELS: readonly string[] = ['', 'na', 'n/a', 'nan', 'null', 'unrated', 'missing'];

/** A declared level order with optional aliases (alias text -> level name). */
export interface LevelSet {
  /** Level names in ascending order; a code is an index into this list. */
  levels: readonly string[];
  /** Other spellings of a level, e.g. "Matching" -> "High". */
  aliases?: Readonly<Record<string, string>>;
}

/** A label that is not one of the declared levels, with where it was found. */
export interface UnknownLabel {
  index: number;
  value: string;
}

/** Result of encoding labels: codes (MISSING for missing) and the labels that matched no level. */
export interface EncodedLabels {
  codes: Int32Array;
  unknown: UnknownLabel[];
}

/** Canonical key for case-insensitive, whitespace-tolerant label matching. */
function key(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** True when the label text means "not rated". */
export function isMissingLabel(label: string | number | null | undefined): boolean {
  if (label === null || label === undefined) return true;
  if (typeof label === 'number') return Number.isNaN(label);
  return MISSING_LABELS.includes(key(label));
}

/** Builds a lookup from label text (levels and aliases, case-insensitive) to level code. */
export function levelLookup(set: LevelSet): Map<string, number> {
  const map = new Map<string, number>();
  set.levels.forEach((level, i) => map.set(key(level), i));
  for (const [alias, level] of Object.entries(set.aliases ?? {})) {
    const code = map.get(key(level));
    if (code === undefined) throw new RangeError(`alias "${alias}" points at "${level}", which is not a declared level`);
    map.set(key(alias), code);
  }
  return map;
}

/** Encodes labels as codes into the declared levels; numbers match levels by their text ("3" = 3). */
export function encodeLabels(labels: readonly (string | number | null | undefined)[], set: LevelSet): EncodedLabels {
  const lookup = levelLookup(set);
  const codes = new Int32Array(labels.length);
  const unknown: UnknownLabel[] = [];
  labels.forEach((label, i) => {
    if (isMissingLabel(label)) {
      codes[i] = MISSING;
      return;
    }
    const code = lookup.get(key(String(label)));
    if (code === undefined) {
      codes[i] = MISSING;
      unknown.push({ index: i, value: String(label) });
    } else codes[i] = code;
  });
  return { codes, unknown };
}

/**
 * Levels to use when none were declared: numeric labels in numeric order; otherwise the order of
 * first appearance (never alphabetical). `declared` in the result says which rule applied.
 */
export function inferLevels(labels: readonly (string | number | null | undefined)[]): { levels: string[]; numeric: boolean } {
  const seen: string[] = [];
  const set = new Set<string>();
  for (const label of labels) {
    if (isMissingLabel(label)) continue;
    const text = String(label).trim();
    if (!set.has(text)) {
      set.add(text);
      seen.push(text);
    }
  }
  const numeric = seen.length > 0 && seen.every((s) => s !== '' && Number.isFinite(Number(s)));
  if (numeric) {
    // Distinct numeric spellings of one value ("1" and "1.0") collapse to one level.
    const byValue = new Map<number, string>();
    for (const s of seen) if (!byValue.has(Number(s))) byValue.set(Number(s), s);
    return { levels: [...byValue.entries()].sort((a, b) => a[0] - b[0]).map(([, s]) => s), numeric };
  }
  return { levels: seen, numeric };
}

/**
 * Numeric value of each level for interval and ratio metrics: the level text when every level is a
 * number, otherwise its rank 1..q.
 */
export function levelValues(levels: readonly string[]): Float64Array {
  const numeric = levels.length > 0 && levels.every((s) => s.trim() !== '' && Number.isFinite(Number(s)));
  return Float64Array.from(levels, (s, i) => (numeric ? Number(s) : i + 1));
}
