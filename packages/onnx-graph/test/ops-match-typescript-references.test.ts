import {
  GraphBuilder,
  concat,
  conv,
  convTranspose,
  depthToSpace,
  frameConv3d,
  groupNorm,
  layerNormChannels,
  pad,
  relu,
  reshape,
  resize,
  rmsNormChannels,
  selfAttention,
  silu,
  slice,
  transpose,
  type Value,
} from '../src';
import { assertClose, indices, runGraph, testData, weightData } from './helpers';
import { refConv, refConvTranspose, refGather, refResizeLinear } from './references';

const EXACT = { atol: 0, rtol: 0 };
const FLOAT = { atol: 1e-5, rtol: 1e-4 };

/** Builds a one-input graph, runs it in onnxruntime and returns the output with the builder. */
async function runOne(shape: number[], body: (g: GraphBuilder, x: Value) => Value, seed = 3) {
  const g = new GraphBuilder({ seed });
  const x = g.input('x', shape);
  const y = g.output(body(g, x), 'y');
  const data = testData(shape.reduce((a, b) => a * b, 1), seed);
  const out = (await runGraph(g, { x: data })).y;
  expect(out.dims).toEqual([...y.shape]);
  return { g, x: data, y: out.data, shape: [...y.shape] };
}

/** onnxruntime's output has the reference's shape and values (float32 tolerance). */
function expectSameTensor(run: { y: Float32Array; shape: number[] }, ref: { data: Float32Array; shape: number[] }): void {
  expect(run.shape).toEqual(ref.shape);
  assertClose(run.y, ref.data, FLOAT);
}

/** Builds one op on a seeded input of shape `xs` and checks onnxruntime against `reference` on the same input and the op's weight and bias (the parameters named `prefix`*). */
async function expectOpMatches(
  xs: number[],
  prefix: string,
  build: (g: GraphBuilder, x: Value) => Value,
  reference: (x: Float32Array, w: Float32Array, b: Float32Array) => { data: Float32Array; shape: number[] },
): Promise<void> {
  const r = await runOne(xs, build);
  const [w, b] = paramsOf(r.g, prefix);
  expectSameTensor(r, reference(r.x, w, b));
}

function paramsOf(g: GraphBuilder, prefix: string): Float32Array[] {
  return g.initializers.filter((i) => i.trainable && i.name.startsWith(prefix)).map((i) => weightData(g, i));
}

describe('ops run in onnxruntime and match TypeScript references', () => {
  it('Conv 3-D with strides and asymmetric zero pads', async () => {
    const xs = [1, 3, 4, 5, 6];
    await expectOpMatches(
      xs,
      'c.',
      (g, x) => conv(g, x, { outChannels: 4, kernel: [3, 2, 3], strides: [1, 2, 1], pads: [1, 0, 1, 1, 1, 0], name: 'c' }),
      (x, w, b) => refConv(x, xs, w, [4, 3, 3, 2, 3], b, { strides: [1, 2, 1], pads: [1, 0, 1, 1, 1, 0], groups: 1 }),
    );
  });

  it('depthwise Conv 3-D (groups = channels) and grouped Conv 2-D', async () => {
    const xs = [1, 4, 5, 6, 6];
    const dw = await runOne(xs, (g, x) => conv(g, x, { outChannels: 4, kernel: [5, 5, 5], pads: [2, 2, 2, 2, 2, 2], groups: 4, name: 'dw' }));
    const [w, b] = paramsOf(dw.g, 'dw.');
    assertClose(dw.y, refConv(dw.x, xs, w, [4, 1, 5, 5, 5], b, { strides: [1, 1, 1], pads: [2, 2, 2, 2, 2, 2], groups: 4 }).data, FLOAT);

    const xs2 = [2, 4, 5, 5];
    const gc = await runOne(xs2, (g, x) => conv(g, x, { outChannels: 6, kernel: [3, 3], pads: [1, 1, 1, 1], groups: 2, bias: false, name: 'gc' }));
    const [w2] = paramsOf(gc.g, 'gc.');
    assertClose(gc.y, refConv(gc.x, xs2, w2, [6, 2, 3, 3], null, { strides: [1, 1], pads: [1, 1, 1, 1], groups: 2 }).data, FLOAT);
  });

  it('Conv 3-D over frames (time taps stacked as channels) equals the Conv 3-D reference, with the same parameters and MACs', async () => {
    const xs = [2, 3, 4, 5, 6];
    const o = { outChannels: 4, kernel: [3, 2, 3], strides: [1, 2, 1], pads: [2, 0, 1, 0, 1, 0], name: 'c' };
    const r = await runOne(xs, (g, x) => frameConv3d(g, x, o));
    const [w, b] = paramsOf(r.g, 'c.');
    const ref = refConv(r.x, xs, w, [4, 3, 3, 2, 3], b, { strides: [1, 2, 1], pads: [2, 0, 1, 0, 1, 0], groups: 1 });
    expect(r.shape).toEqual(ref.shape);
    assertClose(r.y, ref.data, FLOAT);
    const plain = new GraphBuilder({ seed: 3 });
    conv(plain, plain.input('x', xs), o);
    expect(r.g.paramCount()).toBe(plain.paramCount());
    expect(r.g.totalMacs()).toBe(plain.totalMacs());
    expect(r.g.initializers.filter((i) => i.trainable).map((i) => [i.key, i.shape])).toEqual(plain.initializers.filter((i) => i.trainable).map((i) => [i.key, i.shape]));
  });

  it('Conv 3-D over frames with edge time padding equals the Conv 3-D reference on frames repeated by hand', async () => {
    const xs = [1, 2, 3, 4, 4];
    const r = await runOne(xs, (g, x) => frameConv3d(g, x, { outChannels: 3, kernel: [3, 3, 3], pads: [1, 1, 1, 1, 1, 1], timePadding: 'edge', name: 'e' }));
    const [w, b] = paramsOf(r.g, 'e.');
    // frames -1 and T are copies of frames 0 and T-1 (PyTorch's replicate pad in time)
    const [, c, t, h, wd] = xs;
    const padded = new Float32Array(c * (t + 2) * h * wd);
    for (let ci = 0; ci < c; ci++) for (let ti = 0; ti < t + 2; ti++) padded.set(r.x.subarray((ci * t + Math.min(Math.max(ti - 1, 0), t - 1)) * h * wd, (ci * t + Math.min(Math.max(ti - 1, 0), t - 1) + 1) * h * wd), (ci * (t + 2) + ti) * h * wd);
    const ref = refConv(padded, [1, c, t + 2, h, wd], w, [3, 2, 3, 3, 3], b, { strides: [1, 1, 1], pads: [0, 1, 1, 0, 1, 1], groups: 1 });
    expect(r.shape).toEqual(ref.shape);
    assertClose(r.y, ref.data, FLOAT);
  });

  it('depthwise and grouped Conv 3-D over frames (one grouped Conv 2-D per time tap) equal the Conv 3-D reference', async () => {
    const xs = [1, 4, 5, 6, 6];
    const dw = await runOne(xs, (g, x) => frameConv3d(g, x, { outChannels: 4, kernel: [5, 5, 5], pads: [2, 2, 2, 2, 2, 2], groups: 4, name: 'dw' }));
    const [w, b] = paramsOf(dw.g, 'dw.');
    assertClose(dw.y, refConv(dw.x, xs, w, [4, 1, 5, 5, 5], b, { strides: [1, 1, 1], pads: [2, 2, 2, 2, 2, 2], groups: 4 }).data, FLOAT);
    expect(dw.g.totalMacs()).toBe(4 * 5 * 6 * 6 * 125);

    const gc = await runOne(xs, (g, x) => frameConv3d(g, x, { outChannels: 6, kernel: [3, 1, 1], pads: [2, 0, 0, 0, 0, 0], groups: 2, bias: false, name: 'gc' }));
    const [w2] = paramsOf(gc.g, 'gc.');
    assertClose(gc.y, refConv(gc.x, xs, w2, [6, 2, 3, 1, 1], null, { strides: [1, 1, 1], pads: [2, 0, 0, 0, 0, 0], groups: 2 }).data, FLOAT);
  });

  it('ConvTranspose 3-D and 2-D', async () => {
    const xs = [1, 2, 2, 3, 3];
    await expectOpMatches(
      xs,
      'ct.',
      (g, x) => convTranspose(g, x, { outChannels: 3, kernel: [2, 3, 3], strides: [2, 2, 2], pads: [0, 1, 1, 0, 1, 1], name: 'ct' }),
      (x, w, b) => refConvTranspose(x, xs, w, [2, 3, 2, 3, 3], b, { strides: [2, 2, 2], pads: [0, 1, 1, 0, 1, 1], groups: 1 }),
    );

    const xs2 = [1, 4, 3, 3];
    const r2 = await runOne(xs2, (g, x) => convTranspose(g, x, { outChannels: 4, kernel: [2, 2], strides: [2, 2], groups: 2, name: 'ct2' }));
    const [w2, b2] = paramsOf(r2.g, 'ct2.');
    assertClose(r2.y, refConvTranspose(r2.x, xs2, w2, [4, 2, 2, 2], b2, { strides: [2, 2], pads: [0, 0, 0, 0], groups: 2 }).data, FLOAT);
  });

  it('Resize nearest on 5-D and 4-D copies the floor source element (PyTorch interpolate nearest)', async () => {
    const xs = [1, 2, 3, 2, 3];
    const r = await runOne(xs, (g, x) => resize(g, x, { scales: [1, 1, 2, 2, 2], mode: 'nearest' }));
    expect(r.shape).toEqual([1, 2, 6, 4, 6]);
    assertClose(r.y, refGather(r.x, xs, r.shape, ([n, c, t, h, w]) => [n, c, t >> 1, h >> 1, w >> 1]), EXACT);
    const xs4 = [1, 2, 3, 3];
    const r4 = await runOne(xs4, (g, x) => resize(g, x, { scales: [1, 1, 2, 2], mode: 'nearest' }));
    assertClose(r4.y, refGather(r4.x, xs4, r4.shape, ([n, c, h, w]) => [n, c, h >> 1, w >> 1]), EXACT);
  });

  it('Resize linear (trilinear on 5-D, bilinear on 4-D, half-pixel)', async () => {
    const xs = [1, 2, 3, 4, 3];
    const r = await runOne(xs, (g, x) => resize(g, x, { scales: [1, 1, 2, 2, 2], mode: 'linear' }));
    assertClose(r.y, refResizeLinear(r.x, xs, [1, 1, 2, 2, 2]).data, FLOAT);
    const xs4 = [1, 1, 3, 5];
    const r4 = await runOne(xs4, (g, x) => resize(g, x, { scales: [1, 1, 2, 2], mode: 'linear' }));
    assertClose(r4.y, refResizeLinear(r4.x, xs4, [1, 1, 2, 2]).data, FLOAT);
  });

  it('DepthToSpace CRD and DCR place channels as the ONNX definition says', async () => {
    const xs = [1, 8, 2, 3];
    const crd = await runOne(xs, (g, x) => depthToSpace(g, x, { blockSize: 2, mode: 'CRD' }));
    assertClose(crd.y, refGather(crd.x, xs, [1, 2, 4, 6], ([n, c, h, w]) => [n, c * 4 + (h % 2) * 2 + (w % 2), h >> 1, w >> 1]), EXACT);
    const dcr = await runOne(xs, (g, x) => depthToSpace(g, x, { blockSize: 2, mode: 'DCR' }));
    assertClose(dcr.y, refGather(dcr.x, xs, [1, 2, 4, 6], ([n, c, h, w]) => [n, ((h % 2) * 2 + (w % 2)) * 2 + c, h >> 1, w >> 1]), EXACT);
  });

  it('Reshape, rank-8 Transpose, Slice and Concat', async () => {
    const xs = [1, 8, 2, 2, 3];
    // LTX's rank-8 shuffle: [B, C, st, sh, sw, T, H, W] -> (0,1,5,2,6,3,7,4)
    const r = await runOne(xs, (g, x) => reshape(g, transpose(g, reshape(g, x, [1, 1, 2, 2, 2, 2, 2, 3]), [0, 1, 5, 2, 6, 3, 7, 4]), [1, 1, 4, 4, 6]));
    assertClose(r.y, refGather(r.x, xs, [1, 1, 4, 4, 6], ([n, c, t, h, w]) => [n, c * 8 + (t % 2) * 4 + (h % 2) * 2 + (w % 2), t >> 1, h >> 1, w >> 1]), EXACT);

    const s = await runOne([1, 2, 5, 3], (g, x) => slice(g, x, { starts: [1, -2], ends: [100, 3], axes: [2, 3], steps: [2, 1] }));
    expect(s.shape).toEqual([1, 2, 2, 2]);
    assertClose(s.y, refGather(s.x, [1, 2, 5, 3], s.shape, ([n, c, t, w]) => [n, c, 1 + 2 * t, 1 + w]), EXACT);

    const c = await runOne([1, 2, 3], (g, x) => concat(g, [x, relu(g, x), x], 1));
    expect(c.shape).toEqual([1, 6, 3]);
    assertClose(c.y, refGather(c.x, [1, 2, 3], c.shape, ([n, ch, w]) => [n, ch % 2, w]).map((v, i) => (Math.floor(i / 6) % 3 === 1 ? Math.max(v, 0) : v)), EXACT);
  });

  it('Pad edge repeats border frames; constant pads with the value', async () => {
    const xs = [1, 2, 3, 2, 2];
    const e = await runOne(xs, (g, x) => pad(g, x, { pads: [0, 0, 2, 0, 1, 0, 0, 1, 0, 0], mode: 'edge' }));
    expect(e.shape).toEqual([1, 2, 6, 2, 3]);
    const clampIdx = (v: number, d: number) => Math.min(Math.max(v, 0), d - 1);
    assertClose(e.y, refGather(e.x, xs, e.shape, ([n, c, t, h, w]) => [n, c, clampIdx(t - 2, 3), h, clampIdx(w - 1, 2)]), EXACT);
    const k = await runOne(xs, (g, x) => pad(g, x, { pads: [0, 0, 1, 1, 0, 0, 0, 0, 1, 0], value: 0.5 }));
    assertClose(k.y, refGather(k.x, xs, k.shape, ([n, c, t, h, w]) => (t >= 1 && t < 4 && h >= 1 && h < 3 ? [n, c, t - 1, h - 1, w] : null), 0.5), EXACT);
  });

  it('RMSNorm, LayerNorm and GroupNorm over channels, SiLU', async () => {
    const xs = [2, 6, 2, 3, 2];
    const perPosition = (x: Float32Array, fn: (vals: number[]) => number[]) => {
      const out = new Float32Array(x.length);
      const [n, c] = xs;
      const inner = xs.slice(2).reduce((a, b) => a * b, 1);
      for (let b = 0; b < n; b++) for (let p = 0; p < inner; p++) {
        const vals = Array.from({ length: c }, (_, ch) => x[(b * c + ch) * inner + p]);
        fn(vals).forEach((v, ch) => (out[(b * c + ch) * inner + p] = v));
      }
      return out;
    };
    const rms = await runOne(xs, (g, x) => rmsNormChannels(g, x, { eps: 1e-8 }));
    assertClose(rms.y, perPosition(rms.x, (v) => {
      const ms = v.reduce((a, b) => a + b * b, 0) / v.length;
      return v.map((u) => u / Math.sqrt(ms + 1e-8));
    }), FLOAT);
    const ln = await runOne(xs, (g, x) => layerNormChannels(g, x, { eps: 1e-6 }));
    assertClose(ln.y, perPosition(ln.x, (v) => {
      const m = v.reduce((a, b) => a + b, 0) / v.length;
      const varc = v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length;
      return v.map((u) => (u - m) / Math.sqrt(varc + 1e-6));
    }), FLOAT);
    const gn = await runOne(xs, (g, x) => groupNorm(g, x, { groups: 3, eps: 1e-6 }));
    const inner = 12;
    const gref = new Float32Array(gn.x.length);
    for (let b = 0; b < 2; b++) for (let grp = 0; grp < 3; grp++) {
      const start = (b * 6 + grp * 2) * inner;
      const seg = Array.from(gn.x.subarray(start, start + 2 * inner));
      const m = seg.reduce((a, c) => a + c, 0) / seg.length;
      const v = seg.reduce((a, c) => a + (c - m) ** 2, 0) / seg.length;
      seg.forEach((u, i) => (gref[start + i] = (u - m) / Math.sqrt(v + 1e-6)));
    }
    assertClose(gn.y, gref, FLOAT);
    const s = await runOne([1, 5], (g, x) => silu(g, x));
    assertClose(s.y, Array.from(s.x, (v) => v / (1 + Math.exp(-v))), FLOAT);
  });

  it('self-attention with an additive mask matches softmax(q kᵀ/√d + m) v', async () => {
    const [n, l, c] = [1, 4, 6];
    const g = new GraphBuilder({ seed: 11 });
    const x = g.input('x', [n, l, c]);
    const maskData = Float32Array.from({ length: l * l }, (_, i) => (i % l > Math.floor(i / l) ? -1e9 : 0));
    const mask = g.floatTensor('mask', [l, l], maskData);
    g.output(selfAttention(g, x, { heads: 2, mask, name: 'a' }), 'y');
    const xd = testData(n * l * c, 5);
    const y = (await runGraph(g, { x: xd })).y.data;
    const [wq, bq, wk, bk, wv, bv, wo, bo] = paramsOf(g, 'a.');
    const lin = (inp: number[][], w: Float32Array, b: Float32Array) => inp.map((row) => Array.from({ length: c }, (_, j) => row.reduce((acc, v, i) => acc + v * w[i * c + j], b[j])));
    const tokens = Array.from({ length: l }, (_, t) => Array.from(xd.subarray(t * c, t * c + c)));
    const q = lin(tokens, wq, bq);
    const k = lin(tokens, wk, bk);
    const v = lin(tokens, wv, bv);
    const d = c / 2;
    const merged = tokens.map(() => new Array<number>(c).fill(0));
    for (let h = 0; h < 2; h++) for (let i = 0; i < l; i++) {
      const s = Array.from({ length: l }, (_, j) => {
        let dot = 0;
        for (let e = 0; e < d; e++) dot += q[i][h * d + e] * k[j][h * d + e];
        return dot / Math.sqrt(d) + maskData[i * l + j];
      });
      const mx = Math.max(...s);
      const ex = s.map((u) => Math.exp(u - mx));
      const sum = ex.reduce((a, b) => a + b, 0);
      for (let e = 0; e < d; e++) merged[i][h * d + e] = ex.reduce((acc, p, j) => acc + (p / sum) * v[j][h * d + e], 0);
    }
    assertClose(y, lin(merged, wo, bo).flat(), FLOAT);
  });
});

describe('test helpers', () => {
  it('indices walks a shape in row-major order', () => {
    expect([...indices([2, 2])]).toEqual([[0, 0], [0, 1], [1, 0], [1, 1]]);
  });
});
