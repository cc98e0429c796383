import { MISSING, type RatingsMatrix } from '@evalkit/agreement';

/**
 * One rating per case from several raters: the lower median of the available ratings (for two
 * raters, the less favourable of the two), MISSING when nobody rated the case. The lower median
 * keeps an ordinal scale ordinal (no averaging of levels) and never overstates consistency.
 */
export function consensusRatings(m: RatingsMatrix): Int32Array {
  const out = new Int32Array(m.cases);
  const buf: number[] = [];
  for (let i = 0; i < m.cases; i++) {
    buf.length = 0;
    for (let j = 0; j < m.raters; j++) {
      const c = m.codes[i * m.raters + j];
      if (c !== MISSING) buf.push(c);
    }
    if (buf.length === 0) out[i] = MISSING;
    else {
      buf.sort((a, b) => a - b);
      out[i] = buf[Math.floor((buf.length - 1) / 2)];
    }
  }
  return out;
}
