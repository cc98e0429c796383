import { quantileSorted } from './quantile';

/**
 * Samples outside Tukey's fences, as criterion.rs classifies them: mild beyond 1.5 IQR from the
 * quartiles, severe beyond 3 IQR. Quartiles are numpy's default (type 7) percentiles.
 */
export interface TukeyOutliers {
  lowSevere: number;
  lowMild: number;
  highMild: number;
  highSevere: number;
  /** Indices (in sample order) of every outlier, mild or severe. */
  indices: number[];
  /** [low severe, low mild, high mild, high severe] fence values. */
  fences: [number, number, number, number];
}

/** Classifies `samples` against Tukey's fences (needs the samples in any order; the sort is internal). */
export function tukeyOutliers(samples: ArrayLike<number>): TukeyOutliers {
  const sorted = Float64Array.from(samples).sort();
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  const iqr = q3 - q1;
  const fences: [number, number, number, number] = [q1 - 3 * iqr, q1 - 1.5 * iqr, q3 + 1.5 * iqr, q3 + 3 * iqr];
  const out: TukeyOutliers = { lowSevere: 0, lowMild: 0, highMild: 0, highSevere: 0, indices: [], fences };
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i];
    if (v < fences[0]) out.lowSevere++;
    else if (v < fences[1]) out.lowMild++;
    else if (v > fences[3]) out.highSevere++;
    else if (v > fences[2]) out.highMild++;
    else continue;
    out.indices.push(i);
  }
  return out;
}
