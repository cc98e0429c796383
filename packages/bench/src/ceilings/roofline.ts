/** A measured ceiling and whether a benchmark row had to raise it. */
export interface AppliedCeiling {
  /** What the ceiling measurement itself gave. */
  measured: number;
  /** The ceiling fractions are computed against: max(measured, every row). */
  effective: number;
  /** Rows (by id) that beat the measured ceiling, which therefore raised it. */
  raisedBy: string[];
}

/**
 * Applies a measured ceiling to rows: a row faster than the ceiling proves the ceiling was not one,
 * so the ceiling becomes that row's rate and the row is flagged. The fractions returned therefore
 * never exceed 1.
 */
export function applyCeiling(rows: readonly { id: string; rate: number | null }[], measured: number): { ceiling: AppliedCeiling; fractions: (number | null)[]; aboveMeasured: boolean[] } {
  let effective = measured;
  const raisedBy: string[] = [];
  for (const r of rows) {
    if (r.rate !== null && r.rate > measured) {
      raisedBy.push(r.id);
      effective = Math.max(effective, r.rate);
    }
  }
  return {
    ceiling: { measured, effective, raisedBy },
    fractions: rows.map((r) => (r.rate === null ? null : r.rate / effective)),
    aboveMeasured: rows.map((r) => r.rate !== null && r.rate > measured),
  };
}

/** Which roof bounds a kernel: FLOPs per byte below the ridge point is memory-bound. */
export function rooflineBound(flops: number, bytes: number, peakGflops: number, bandwidthGBps: number): { intensity: number; ridge: number; bound: 'memory' | 'compute'; attainableGflops: number } {
  const intensity = bytes > 0 ? flops / bytes : Infinity;
  const ridge = peakGflops / bandwidthGBps;
  return { intensity, ridge, bound: intensity < ridge ? 'memory' : 'compute', attainableGflops: Math.min(peakGflops, intensity * bandwidthGBps) };
}
