/** How partial agreement between ordered levels is credited. */
export type WeightScheme = 'unweighted' | 'linear' | 'quadratic';

/**
 * Agreement weights w[k][l] in [0, 1] (1 on the diagonal), q x q row-major, from level ranks:
 * linear 1 - |k-l|/(q-1), quadratic 1 - (k-l)^2/(q-1)^2. Ranks, not level values, as in R irr
 * kappa2, scikit-learn and statsmodels; pass `values` to weight by numeric level values instead.
 */
export function agreementWeights(q: number, scheme: WeightScheme, values?: ArrayLike<number>): Float64Array {
  const w = new Float64Array(q * q);
  const x = values ?? Float64Array.from({ length: q }, (_, i) => i);
  if (x.length !== q) throw new RangeError(`weights need ${q} level values, got ${x.length}`);
  let span = 0;
  for (let k = 0; k < q; k++) for (let l = 0; l < q; l++) span = Math.max(span, Math.abs(x[k] - x[l]));
  for (let k = 0; k < q; k++) {
    for (let l = 0; l < q; l++) {
      if (scheme === 'unweighted' || span === 0) w[k * q + l] = k === l ? 1 : 0;
      else {
        const d = Math.abs(x[k] - x[l]) / span;
        w[k * q + l] = scheme === 'linear' ? 1 - d : 1 - d * d;
      }
    }
  }
  return w;
}
