/**
 * Ceiling fractions that hold: a fraction above 1 (a row faster than the ceiling it was compared
 * with, in documents written before ceilings were raised) raises the ceiling to that row, so every
 * fraction is divided by the largest one; returns the fractions and which rows were above.
 */
export function raiseCeiling(fractions: readonly (number | null)[]): { fractions: (number | null)[]; above: boolean[] } {
  const max = Math.max(1, ...fractions.filter((f): f is number => f !== null && Number.isFinite(f)));
  return { fractions: fractions.map((f) => (f === null || !Number.isFinite(f) ? f : f / max)), above: fractions.map((f) => f !== null && f > 1) };
}
