import type { ArrayData } from './tensor';

/** Reorders column-major (Fortran) data of `shape` into row-major (C) order. */
export function fortranToC<T extends ArrayData>(data: T, shape: readonly number[]): T {
  const n = data.length;
  const rank = shape.length;
  if (rank <= 1) return data.slice() as T;
  // Column-major strides: the first axis varies fastest.
  const fStride = new Array<number>(rank);
  let s = 1;
  for (let k = 0; k < rank; k++) {
    fStride[k] = s;
    s *= shape[k];
  }
  const out = new (data.constructor as new (length: number) => T)(n);
  const index = new Array<number>(rank).fill(0);
  let src = 0;
  for (let i = 0; i < n; i++) {
    out[i] = data[src];
    // Advance the C-order counter (last axis fastest) and keep the Fortran offset in step.
    for (let k = rank - 1; k >= 0; k--) {
      index[k]++;
      src += fStride[k];
      if (index[k] < shape[k]) break;
      src -= fStride[k] * shape[k];
      index[k] = 0;
    }
  }
  return out;
}
