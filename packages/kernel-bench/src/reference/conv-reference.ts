/** Parameters of a naive convolution: kernel [kt, kh, kw], symmetric zero pads, stride, groups. */
export interface ConvReferenceOptions {
  kernel: readonly [number, number, number];
  pads?: readonly [number, number, number];
  stride?: readonly [number, number, number];
  groups?: number;
  bias?: Float32Array;
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
              for (let dt = 0; dt < kt; dt++) {
                const it = a * st - pt + dt;
                if (it < 0 || it >= t) continue;
                for (let dh = 0; dh < kh; dh++) {
                  const ih = yy * sh - ph + dh;
                  if (ih < 0 || ih >= h) continue;
                  for (let dw = 0; dw < kw; dw++) {
                    const iw = xx * sw - pw + dw;
                    if (iw < 0 || iw >= w) continue;
                    s += x[(((b * cin + cIn) * t + it) * h + ih) * w + iw] * weight[(((co * cinG + ci) * kt + dt) * kh + dh) * kw + dw];
                  }
                }
              }
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
              for (let dt = 0; dt < kt; dt++) {
                const a = it * st - pt + dt;
                if (a < 0 || a >= ot) continue;
                for (let dh = 0; dh < kh; dh++) {
                  const yy = ih * sh - ph + dh;
                  if (yy < 0 || yy >= oh) continue;
                  for (let dw = 0; dw < kw; dw++) {
                    const xx = iw * sw - pw + dw;
                    if (xx < 0 || xx >= ow) continue;
                    acc[(((b * cout + co) * ot + a) * oh + yy) * ow + xx] += v * weight[(((ci * cout + co) * kt + dt) * kh + dh) * kw + dw];
                  }
                }
              }
          }
  return { data: Float32Array.from(acc), dims: [n, cout, ot, oh, ow] };
}
