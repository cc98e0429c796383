/** The consistency scale of the PsyDraw study, in ascending order. */
export const CONSISTENCY_LEVELS: readonly string[] = ['Low', 'Moderate', 'High'];

/** The paper's wording of the same scale (Matching / Generally Matching / Not Matching). */
export const CONSISTENCY_ALIASES: Readonly<Record<string, string>> = {
  Matching: 'High',
  'Generally Matching': 'Moderate',
  'Not Matching': 'Low',
};

/** The system's screening signal, in the order "no concern" < "concern". */
export const SIGNAL_LEVELS: readonly string[] = ['Observation', 'Warning'];
