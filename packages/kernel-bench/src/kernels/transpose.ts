/** General N-d transpose of a contiguous tensor (ONNX Transpose semantics: out axis i is input axis perm[i]). */
export function transposeNd(x: Float32Array, dims: readonly number[], perm: readonly number[]): Float32Array {
  const rank = dims.length;
  const inStrides = new Array<number>(rank);
  inStrides[rank - 1] = 1;
  for (let i = rank - 2; i >= 0; i--) inStrides[i] = inStrides[i + 1] * dims[i + 1];
  const outDims = perm.map((p) => dims[p]);
  const strides = perm.map((p) => inStrides[p]);
  const y = new Float32Array(x.length);
  const idx = new Array<number>(rank).fill(0);
  let src = 0;
  for (let k = 0; k < y.length; k++) {
    y[k] = x[src];
    // Odometer increment over output axes, moving the source offset by the permuted strides.
    for (let a = rank - 1; a >= 0; a--) {
      idx[a]++;
      src += strides[a];
      if (idx[a] < outDims[a]) break;
      src -= strides[a] * outDims[a];
      idx[a] = 0;
    }
  }
  return y;
}
