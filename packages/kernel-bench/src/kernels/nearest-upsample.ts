import { kernelOutput } from './kernel-output';

/**
 * Nearest-neighbour upsampling of a contiguous 5-D tensor by integer factors per axis:
 * out[i0..i4] = x[i0/f0, ..., i4/f4]. This is ONNX Resize (mode nearest, integer scales,
 * coordinate mode asymmetric, nearest_mode floor), the same as PyTorch's F.interpolate(mode='nearest').
 */
export function nearestUpsample5d(x: Float32Array, dims: readonly number[], factors: readonly number[], out?: Float32Array): Float32Array {
  const [d0, d1, d2, d3, d4] = dims;
  const [f0, f1, f2, f3, f4] = factors;
  const o4 = d4 * f4;
  const total = d0 * f0 * d1 * f1 * d2 * f2 * d3 * f3 * o4;
  const y = kernelOutput('nearestUpsample5d', x, dims, total, out);
  const o3 = d3 * f3;
  const o2 = d2 * f2;
  const o1 = d1 * f1;
  // Expand each input row along the last axis once, then copy that row to every output row it feeds.
  for (let i0 = 0; i0 < d0; i0++)
    for (let i1 = 0; i1 < d1; i1++)
      for (let i2 = 0; i2 < d2; i2++)
        for (let i3 = 0; i3 < d3; i3++) {
          const src = (((i0 * d1 + i1) * d2 + i2) * d3 + i3) * d4;
          const first = ((((i0 * f0) * o1 + i1 * f1) * o2 + i2 * f2) * o3 + i3 * f3) * o4;
          let k = first;
          for (let i4 = 0; i4 < d4; i4++) {
            const v = x[src + i4];
            for (let r = 0; r < f4; r++) y[k++] = v;
          }
          const row = y.subarray(first, first + o4);
          for (let r0 = 0; r0 < f0; r0++)
            for (let r1 = 0; r1 < f1; r1++)
              for (let r2 = 0; r2 < f2; r2++)
                for (let r3 = 0; r3 < f3; r3++) {
                  if ((r0 | r1 | r2 | r3) === 0) continue;
                  const dst = ((((i0 * f0 + r0) * o1 + i1 * f1 + r1) * o2 + i2 * f2 + r2) * o3 + i3 * f3 + r3) * o4;
                  y.set(row, dst);
                }
        }
  return y;
}

/** Nearest 3-D upsampling of an NCTHW tensor by (st, sh, sw): HunyuanVideo's interpolate step. */
export function nearestUpsample3d(x: Float32Array, dims: readonly number[], factors: readonly [number, number, number], out?: Float32Array): Float32Array {
  return nearestUpsample5d(x, dims, [1, 1, ...factors], out);
}

/** Nearest 2-D upsampling of an NCHW tensor by (sh, sw). */
export function nearestUpsample2d(x: Float32Array, dims: readonly number[], factors: readonly [number, number], out?: Float32Array): Float32Array {
  const [n, c, h, w] = dims;
  return nearestUpsample5d(x, [1, n, c, h, w], [1, 1, 1, ...factors], out);
}
