import { ncthwUpsampleOutput } from './kernel-output';

/** Source indices and weights of one axis of a linear resize. */
interface AxisTaps {
  i0: Int32Array;
  i1: Int32Array;
  l: Float64Array;
}

/**
 * Linear taps for one axis under ONNX Resize coordinate_transformation_mode "half_pixel":
 * x_in = (x_out + 0.5) / scale - 0.5, clamped to [0, n-1] (onnxruntime clamps the same way),
 * so the output border repeats the edge sample exactly as PyTorch align_corners=False does.
 */
function axisTaps(n: number, scale: number): AxisTaps {
  const m = n * scale;
  const i0 = new Int32Array(m);
  const i1 = new Int32Array(m);
  const l = new Float64Array(m);
  for (let o = 0; o < m; o++) {
    const x = Math.min(Math.max((o + 0.5) / scale - 0.5, 0), n - 1);
    const a = Math.floor(x);
    i0[o] = a;
    i1[o] = Math.min(a + 1, n - 1);
    l[o] = x - a;
  }
  return { i0, i1, l };
}

/**
 * Trilinear resize of an NCTHW tensor by integer scales (st, sh, sw), matching ONNX Resize
 * mode "linear", coordinate_transformation_mode "half_pixel" on a 5-D input (and
 * F.interpolate(mode='trilinear', align_corners=False)). Each output is the 8-tap weighted sum.
 */
export function trilinearResize(x: Float32Array, dims: readonly number[], scales: readonly [number, number, number], out?: Float32Array): Float32Array {
  const { y, n, c, t, h, w, st, sh, sw, ot, oh, ow } = ncthwUpsampleOutput('trilinearResize', x, dims, scales, out);
  const tt = axisTaps(t, st);
  const th = axisTaps(h, sh);
  const tw = axisTaps(w, sw);
  const hw = h * w;
  let k = 0;
  for (let nc = 0; nc < n * c; nc++) {
    const base = nc * t * hw;
    for (let a = 0; a < ot; a++) {
      const ta0 = base + tt.i0[a] * hw;
      const ta1 = base + tt.i1[a] * hw;
      const lt = tt.l[a];
      for (let b = 0; b < oh; b++) {
        const hb0 = th.i0[b] * w;
        const hb1 = th.i1[b] * w;
        const lh = th.l[b];
        for (let d = 0; d < ow; d++) {
          const w0 = tw.i0[d];
          const w1 = tw.i1[d];
          const lw = tw.l[d];
          const c00 = x[ta0 + hb0 + w0] * (1 - lw) + x[ta0 + hb0 + w1] * lw;
          const c01 = x[ta0 + hb1 + w0] * (1 - lw) + x[ta0 + hb1 + w1] * lw;
          const c10 = x[ta1 + hb0 + w0] * (1 - lw) + x[ta1 + hb0 + w1] * lw;
          const c11 = x[ta1 + hb1 + w0] * (1 - lw) + x[ta1 + hb1 + w1] * lw;
          const c0 = c00 * (1 - lh) + c01 * lh;
          const c1 = c10 * (1 - lh) + c11 * lh;
          y[k++] = c0 * (1 - lt) + c1 * lt;
        }
      }
    }
  }
  return y;
}
