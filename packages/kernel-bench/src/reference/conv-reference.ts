/** Parameters of a naive convolution: kernel [kt, kh, kw], symmetric zero pads, stride, groups. */
export interface ConvReferenceOptions {
  kernel: readonly [number, number, number];
  pads?: readonly [number, number, number];
  stride?: readonly [number, number, number];
  groups?: number;
  bias?: Float32Array;
}

/**
 * One axis of a strided, padded kernel: for each of `count` positions p, the taps d (0..kernel-1)
 * whose partner p*stride - pad + d lies in [0, limit), with that partner. A convolution gathers
 * from the partners; a transposed convolution scatters to them.
 */
function axisTaps(count: number, stride: number, pad: number, kernel: number, limit: number): [number, number][][] {
  return Array.from({ length: count }, (_, p) => {
    const taps: [number, number][] = [];
    for (let d = 0; d < kernel; d++) {
      const at = p * stride - pad + d;
      if (at >= 0 && at < limit) taps.push([d, at]);
    }
    return taps;
  });
}

/**
 * Direct 3-D convolution on NCTHW (float64 accumulation), written from the definition so it can
 * serve as the independent reference for onnxruntime's Conv. Weight layout [Cout, Cin/groups, kt, kh, kw].
 */
export function conv3dReference(x: Float32Array, dims: readonly number[], weight: Float32Array, cout: number, options: ConvReferenceOptions): { data: Float32Array; dims: number[] } {
  const [n, cin, t, h, w] = dims;
  const [kt, kh, kw] = options.kernel;
  const [pt, ph, pw] = options.pads ?? [0, 0, 0];
  const [st, sh, sw] = options.stride ?? [1, 1, 1];
  const g = options.groups ?? 1;
  const cinG = cin / g;
  const coutG = cout / g;
  const ot = Math.floor((t + 2 * pt - kt) / st) + 1;
  const oh = Math.floor((h + 2 * ph - kh) / sh) + 1;
  const ow = Math.floor((w + 2 * pw - kw) / sw) + 1;
  const y = new Float32Array(n * cout * ot * oh * ow);
  // Output position o reads input o*stride - pad + tap; taps over the zero padding are left out.
  const [tapsT, tapsH, tapsW] = [axisTaps(ot, st, pt, kt, t), axisTaps(oh, sh, ph, kh, h), axisTaps(ow, sw, pw, kw, w)];
  let k = 0;
  for (let b = 0; b < n; b++)
    for (let co = 0; co < cout; co++) {
      const grp = Math.floor(co / coutG);
      for (let a = 0; a < ot; a++)
        for (let yy = 0; yy < oh; yy++)
          for (let xx = 0; xx < ow; xx++) {
            let s = options.bias ? options.bias[co] : 0;
            for (let ci = 0; ci < cinG; ci++) {
              const cIn = grp * cinG + ci;
              for (const [dt, it] of tapsT[a])
                for (const [dh, ih] of tapsH[yy])
                  for (const [dw, iw] of tapsW[xx]) s += x[(((b * cin + cIn) * t + it) * h + ih) * w + iw] * weight[(((co * cinG + ci) * kt + dt) * kh + dh) * kw + dw];
            }
            y[k++] = s;
          }
    }
  return { data: y, dims: [n, cout, ot, oh, ow] };
}

/**
 * Direct 3-D transposed convolution (scatter form, float64 accumulation), groups = 1. Weight layout
 * [Cin, Cout, kt, kh, kw] as in ONNX ConvTranspose; output size (in-1)*stride - 2*pad + kernel.
 */
export function convTranspose3dReference(
  x: Float32Array,
  dims: readonly number[],
  weight: Float32Array,
  cout: number,
  options: { kernel: readonly [number, number, number]; stride: readonly [number, number, number]; pads: readonly [number, number, number]; bias?: Float32Array },
): { data: Float32Array; dims: number[] } {
  const [n, cin, t, h, w] = dims;
  const [kt, kh, kw] = options.kernel;
  const [st, sh, sw] = options.stride;
  const [pt, ph, pw] = options.pads;
  const ot = (t - 1) * st - 2 * pt + kt;
  const oh = (h - 1) * sh - 2 * ph + kh;
  const ow = (w - 1) * sw - 2 * pw + kw;
  const acc = new Float64Array(n * cout * ot * oh * ow);
  // Input position i scatters to output i*stride - pad + tap; taps that land in the cropped border are left out.
  const [tapsT, tapsH, tapsW] = [axisTaps(t, st, pt, kt, ot), axisTaps(h, sh, ph, kh, oh), axisTaps(w, sw, pw, kw, ow)];
  for (let b = 0; b < n; b++)
    for (let co = 0; co < cout; co++) {
      const base = (b * cout + co) * ot * oh * ow;
      if (options.bias) acc.fill(options.bias[co], base, base + ot * oh * ow);
    }
  for (let b = 0; b < n; b++)
    for (let ci = 0; ci < cin; ci++)
      for (let it = 0; it < t; it++)
        for (let ih = 0; ih < h; ih++)
          for (let iw = 0; iw < w; iw++) {
            const v = x[(((b * cin + ci) * t + it) * h + ih) * w + iw];
            for (let co = 0; co < cout; co++)
              for (const [dt, a] of tapsT[it])
                for (const [dh, yy] of tapsH[ih])
                  for (const [dw, xx] of tapsW[iw]) acc[(((b * cout + co) * ot + a) * oh + yy) * ow + xx] += v * weight[(((ci * cout + co) * kt + dt) * kh + dh) * kw + dw];
          }
  return { data: Float32Array.from(acc), dims: [n, cout, ot, oh, ow] };
}
