/**
 * Consistency derived from structured expert labels rather than a rating: experts give their own
 * Warning/Observation judgement and per-feature tags (size, placement, line quality, omissions…);
 * each case is classified High / Moderate / Low by comparing them with the system's.
 */

/** A structured judgement of one drawing: a screening signal and feature tags (feature -> tag). */
export interface StructuredJudgement {
  /** "Warning" / "Observation", or null when not given. */
  signal: string | null;
  /** Feature name -> tag ("oversized", "left", "broken"...); null or "" = not assessed. Several tags: "a;b". */
  tags: Readonly<Record<string, string | null | undefined>>;
}

/**
 * The rubric. With s = share of the expert's assessed features on which the system's tag agrees:
 * - signals agree:    High if s ≥ high, Low if s < low, Moderate otherwise;
 * - signals disagree: Moderate if s ≥ disagreeModerate, Low otherwise;
 * - no comparable features: High if signals agree, Low if they disagree;
 * - expert gave no signal: High if s ≥ high, Low if s < low, Moderate otherwise (null when no features either).
 */
export interface ConsistencyRubric {
  high: number;
  low: number;
  disagreeModerate: number;
}

/** Default thresholds (documented in the README): high 0.75, low 0.25, disagreeModerate 0.75. */
export const DEFAULT_RUBRIC: ConsistencyRubric = { high: 0.75, low: 0.25, disagreeModerate: 0.75 };

/** Outcome of the rubric for one case and one expert. */
export interface DerivedConsistency {
  /** "High" | "Moderate" | "Low", or null when nothing could be compared. */
  level: 'High' | 'Moderate' | 'Low' | null;
  signalAgrees: boolean | null;
  /** Share of agreeing features among those the expert assessed (null when none). */
  tagShare: number | null;
  /** Number of features compared. */
  compared: number;
}

function norm(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Tag set of one cell: "a; b" -> {"a", "b"}; empty when not assessed. */
function tagSet(value: string | null | undefined): Set<string> {
  if (value === null || value === undefined) return new Set();
  return new Set(value.split(';').map(norm).filter((t) => t !== '' && t !== 'na'));
}

/** Checks a rubric's thresholds (each in [0, 1], low ≤ high). */
export function validateRubric(rubric: ConsistencyRubric): ConsistencyRubric {
  for (const [name, v] of Object.entries(rubric)) if (!(v >= 0 && v <= 1)) throw new RangeError(`rubric.${name} must be in [0, 1], got ${v}`);
  if (rubric.low > rubric.high) throw new RangeError(`rubric.low (${rubric.low}) must not exceed rubric.high (${rubric.high})`);
  return rubric;
}

/** Classifies one case by the rubric, comparing a system judgement with an expert's. */
export function deriveConsistency(system: StructuredJudgement, expert: StructuredJudgement, rubric: ConsistencyRubric = DEFAULT_RUBRIC): DerivedConsistency {
  let agree = 0;
  let compared = 0;
  for (const [feature, value] of Object.entries(expert.tags)) {
    const want = tagSet(value);
    if (want.size === 0) continue;
    compared += 1;
    const got = tagSet(system.tags[feature]);
    if (got.size === want.size && [...want].every((t) => got.has(t))) agree += 1;
  }
  const tagShare = compared > 0 ? agree / compared : null;
  const expertSignal = expert.signal === null || expert.signal.trim() === '' ? null : norm(expert.signal);
  const signalAgrees = expertSignal === null || system.signal === null ? null : expertSignal === norm(system.signal);
  let level: DerivedConsistency['level'];
  if (signalAgrees === null) {
    level = tagShare === null ? null : tagShare >= rubric.high ? 'High' : tagShare < rubric.low ? 'Low' : 'Moderate';
  } else if (tagShare === null) level = signalAgrees ? 'High' : 'Low';
  else if (signalAgrees) level = tagShare >= rubric.high ? 'High' : tagShare < rubric.low ? 'Low' : 'Moderate';
  else level = tagShare >= rubric.disagreeModerate ? 'Moderate' : 'Low';
  return { level, signalAgrees, tagShare, compared };
}
