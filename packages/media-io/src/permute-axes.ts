import type { ArrayData } from './tensor';

/**
 * Permutes the axes of a C-order (row-major) array: output axis i is input axis perm[i] (numpy's
 * transpose, ONNX Transpose). The one home of index-order rearrangement: the NPY reader turns
 * Fortran-order files into C order with it, and kernel-bench's TypeScript reference replays
 * Transpose with it.
 */
export function permuteAxes<T extends ArrayData>(data: T, dims: readonly number[], perm: readonly number[]): T {
  const rank = dims.length;
  const inStrides = new Array<number>(rank);
  let s = 1;
  for (let i = rank - 1; i >= 0; i--) {
    inStrides[i] = s;
    s *= dims[i];
  }
  const outDims = perm.map((p) => dims[p]);
  const strides = perm.map((p) => inStrides[p]);
  const out = new (data.constructor as new (length: number) => T)(data.length);
  const index = new Array<number>(rank).fill(0);
  let src = 0;
  for (let k = 0; k < out.length; k++) {
    out[k] = data[src];
    // Odometer over the output axes (last fastest), moving the source offset by the permuted strides.
    for (let a = rank - 1; a >= 0; a--) {
      index[a]++;
      src += strides[a];
      if (index[a] < outDims[a]) break;
      src -= strides[a] * outDims[a];
      index[a] = 0;
    }
  }
  return out;
}

/**
 * Reorders column-major (Fortran) data of `shape` into row-major (C) order: Fortran data of shape
 * S is C-order data of S reversed, whose axes are then reversed.
 */
export function fortranToC<T extends ArrayData>(data: T, shape: readonly number[]): T {
  const rank = shape.length;
  return permuteAxes(data, [...shape].reverse(), shape.map((_, i) => rank - 1 - i));
}
