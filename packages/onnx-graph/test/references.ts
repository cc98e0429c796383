import { indices, strides } from './helpers';

// Plain, loop-by-loop TypeScript references written from the ONNX operator definitions.

/** Naive N-D convolution (zero pads given as begins then ends). */
export function refConv(x: Float32Array, xs: number[], w: Float32Array, ws: number[], b: Float32Array | null, o: { strides: number[]; pads: number[]; groups: number }): { data: Float32Array; shape: number[] } {
  const rank = xs.length - 2;
  const [n, cin] = xs;
  const cout = ws[0];
  const cpg = cin / o.groups;
  const opg = cout / o.groups;
  const k = ws.slice(2);
  const outSpatial = k.map((kk, i) => Math.floor((xs[i + 2] + o.pads[i] + o.pads[i + rank] - kk) / o.strides[i]) + 1);
  const shape = [n, cout, ...outSpatial];
  const out = new Float32Array(shape.reduce((a, b2) => a * b2, 1));
  const xst = strides(xs);
  const wst = strides(ws);
  let p = 0;
  for (const [bn, co, ...pos] of indices(shape)) {
    const gIdx = Math.floor(co / opg);
    let acc = b ? b[co] : 0;
    for (let ci = 0; ci < cpg; ci++) {
      for (const kpos of indices(k)) {
        let xo = bn * xst[0] + (gIdx * cpg + ci) * xst[1];
        let inside = true;
        for (let a = 0; a < rank; a++) {
          const coord = pos[a] * o.strides[a] - o.pads[a] + kpos[a];
          if (coord < 0 || coord >= xs[a + 2]) inside = false;
          xo += coord * xst[a + 2];
        }
        if (!inside) continue;
        let wo = co * wst[0] + ci * wst[1];
        for (let a = 0; a < rank; a++) wo += kpos[a] * wst[a + 2];
        acc += x[xo] * w[wo];
      }
    }
    out[p++] = acc;
  }
  return { data: out, shape };
}

/** Naive transposed convolution (scatter form), weight [Cin, Cout/g, ...k]. */
export function refConvTranspose(x: Float32Array, xs: number[], w: Float32Array, ws: number[], b: Float32Array | null, o: { strides: number[]; pads: number[]; groups: number }): { data: Float32Array; shape: number[] } {
  const rank = xs.length - 2;
  const [n, cin] = xs;
  const opg = ws[1];
  const cout = opg * o.groups;
  const cpg = cin / o.groups;
  const k = ws.slice(2);
  const outSpatial = k.map((kk, i) => (xs[i + 2] - 1) * o.strides[i] - o.pads[i] - o.pads[i + rank] + kk);
  const shape = [n, cout, ...outSpatial];
  const ost = strides(shape);
  const out = new Float32Array(shape.reduce((a, b2) => a * b2, 1));
  for (let bn = 0; bn < n; bn++) for (let co = 0; co < cout; co++) for (const pos of indices(outSpatial)) {
    let off = bn * ost[0] + co * ost[1];
    pos.forEach((v, a) => (off += v * ost[a + 2]));
    out[off] = b ? b[co] : 0;
  }
  const xst = strides(xs);
  const wst = strides(ws);
  for (const [bn, ci, ...pos] of indices(xs)) {
    let xo = bn * xst[0] + ci * xst[1];
    pos.forEach((v, a) => (xo += v * xst[a + 2]));
    const gIdx = Math.floor(ci / cpg);
    for (let oc = 0; oc < opg; oc++) for (const kpos of indices(k)) {
      let off = bn * ost[0] + (gIdx * opg + oc) * ost[1];
      let inside = true;
      for (let a = 0; a < rank; a++) {
        const coord = pos[a] * o.strides[a] - o.pads[a] + kpos[a];
        if (coord < 0 || coord >= outSpatial[a]) inside = false;
        off += coord * ost[a + 2];
      }
      if (!inside) continue;
      let wo = ci * wst[0] + oc * wst[1];
      kpos.forEach((v, a) => (wo += v * wst[a + 2]));
      out[off] += x[xo] * w[wo];
    }
  }
  return { data: out, shape };
}

/** Gathers out[idx] = x[source(idx)] for an output shape (source returns an input multi-index, or null for `fill`). */
export function refGather(x: Float32Array, xs: number[], outShape: number[], source: (idx: number[]) => number[] | null, fill = 0): Float32Array {
  const xst = strides(xs);
  const out = new Float32Array(outShape.reduce((a, b) => a * b, 1));
  let p = 0;
  for (const idx of indices(outShape)) {
    const src = source(idx);
    out[p++] = src === null ? fill : x[src.reduce((acc, v, a) => acc + v * xst[a], 0)];
  }
  return out;
}

/** Multilinear resize with half_pixel coordinates (the ONNX "linear" mode, align_corners=False). */
export function refResizeLinear(x: Float32Array, xs: number[], scales: number[]): { data: Float32Array; shape: number[] } {
  const shape = xs.map((d, i) => Math.floor(d * scales[i]));
  const xst = strides(xs);
  const out = new Float32Array(shape.reduce((a, b) => a * b, 1));
  let p = 0;
  for (const idx of indices(shape)) {
    // per axis: two neighbours and weights
    const axes = idx.map((v, a) => {
      if (scales[a] === 1) return [[v, 1]] as [number, number][];
      let c = (v + 0.5) / scales[a] - 0.5;
      c = Math.min(Math.max(c, 0), xs[a] - 1);
      const lo = Math.floor(c);
      const hi = Math.min(lo + 1, xs[a] - 1);
      return [
        [lo, 1 - (c - lo)],
        [hi, c - lo],
      ] as [number, number][];
    });
    let acc = 0;
    for (const choice of indices(axes.map((a) => a.length))) {
      let off = 0;
      let wgt = 1;
      choice.forEach((ci, a) => {
        off += axes[a][ci][0] * xst[a];
        wgt *= axes[a][ci][1];
      });
      acc += wgt * x[off];
    }
    out[p++] = acc;
  }
  return { data: out, shape };
}
