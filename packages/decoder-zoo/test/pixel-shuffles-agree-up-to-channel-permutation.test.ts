import { GraphBuilder, type Value } from '@evalkit/onnx-graph';
import { decoupledPixelShuffle3d, rank8PixelShuffle3d, rank8ToDecoupledChannel, type ShuffleStride } from '../src/blocks/pixel-shuffle';
import { paddedConv3d } from '../src/blocks/padded-conv';
import { runModel, testData } from './helpers';

const [B, CIN, C, T, H, W] = [1, 3, 2, 3, 3, 2];

/** Conv 3x3x3 CIN -> C*8 then one of the two shuffles; the conv output is a second graph output. */
function upsampler(kind: 'rank8' | 'decoupled', seed: number) {
  const g = new GraphBuilder({ seed });
  const x = g.input('x', [B, CIN, T, H, W]);
  const y = paddedConv3d(g, x, { outChannels: C * 8, kernel: [3, 3, 3], time: 'edge-symmetric', space: 'zero', name: 'up' });
  g.output(y, 'conv');
  const shuffle = kind === 'rank8' ? rank8PixelShuffle3d : decoupledPixelShuffle3d;
  g.output(shuffle(g, y, [2, 2, 2], 1), 'y');
  return g;
}

/** Plain reference: output [c, t', h', w'] (before dropping frame 0) reads channel layout(c, pt, ph, pw) at (t'/st, h'/sh, w'/sw). */
function referenceShuffle(conv: Float32Array, c: number, t: number, h: number, w: number, stride: ShuffleStride, drop: number, layout: (c: number, pt: number, ph: number, pw: number) => number): Float32Array {
  const [st, sh, sw] = stride;
  const frames = t * st - drop;
  const out = new Float32Array(B * c * frames * h * sh * w * sw);
  let p = 0;
  for (let ci = 0; ci < c; ci++)
    for (let f = drop; f < t * st; f++)
      for (let y = 0; y < h * sh; y++)
        for (let x = 0; x < w * sw; x++) {
          const ch = layout(ci, f % st, y % sh, x % sw);
          out[p++] = conv[((ch * t + Math.floor(f / st)) * h + Math.floor(y / sh)) * w + Math.floor(x / sw)];
        }
  return out;
}

const ltxLayout = (c: number, pt: number, ph: number, pw: number) => c * 8 + pt * 4 + ph * 2 + pw;
const decoupledLayout = (c: number, pt: number, ph: number, pw: number) => c * 8 + ph * 4 + pw * 2 + pt;

function initializer(g: GraphBuilder, name: string): Float32Array {
  return g.initializers.find((i) => i.name === name)!.data as Float32Array;
}

describe('decoupled 3-D pixel shuffle vs LTX rank-8 shuffle', () => {
  it('compute the same function once the conv output channels are permuted (exact equality), and match a plain rearrangement', async () => {
    const ltx = upsampler('rank8', 1);
    const dec = upsampler('decoupled', 2);
    // copy LTX's conv weights into the decoupled graph with output channel ch moved to rank8ToDecoupledChannel(ch)
    const per = CIN * 27;
    const [lw, lb] = [initializer(ltx, 'up.weight_0'), initializer(ltx, 'up.bias_0')];
    const [dw, db] = [initializer(dec, 'up.weight_0'), initializer(dec, 'up.bias_0')];
    expect(Buffer.from(dw.buffer).equals(Buffer.from(lw.buffer))).toBe(false);
    const perm = Array.from({ length: C * 8 }, (_, ch) => rank8ToDecoupledChannel(ch, [2, 2, 2]));
    expect([...perm].sort((a, b) => a - b)).toEqual(Array.from({ length: C * 8 }, (_, i) => i));
    perm.forEach((to, from) => {
      dw.set(lw.subarray(from * per, (from + 1) * per), to * per);
      db[to] = lb[from];
    });
    const feeds = { x: { data: testData(B * CIN * T * H * W, 9), dims: [B, CIN, T, H, W] } };
    const a = await runModel(ltx, feeds);
    const b = await runModel(dec, feeds);
    expect(a.y.dims).toEqual([B, C, 2 * T - 1, 2 * H, 2 * W]);
    expect(b.y.dims).toEqual(a.y.dims);
    expect(Array.from(b.y.data)).toEqual(Array.from(a.y.data));
    // both equal the reference rearrangement of their own conv outputs
    expect(Array.from(a.y.data)).toEqual(Array.from(referenceShuffle(a.conv.data, C, T, H, W, [2, 2, 2], 1, ltxLayout)));
    expect(Array.from(b.y.data)).toEqual(Array.from(referenceShuffle(b.conv.data, C, T, H, W, [2, 2, 2], 1, decoupledLayout)));
  });

  it('the decoupled shuffle handles a space-only stride (1,2,2) and keeps every frame when nothing is dropped', async () => {
    const g = new GraphBuilder();
    const x: Value = g.input('x', [B, C * 4, T, H, W]);
    g.output(decoupledPixelShuffle3d(g, x, [1, 2, 2], 0), 'y');
    const data = testData(B * C * 4 * T * H * W, 4);
    const out = (await runModel(g, { x: { data, dims: [B, C * 4, T, H, W] } })).y;
    expect(out.dims).toEqual([B, C, T, 2 * H, 2 * W]);
    const layout = (c: number, _pt: number, ph: number, pw: number) => c * 4 + ph * 2 + pw;
    expect(Array.from(out.data)).toEqual(Array.from(referenceShuffle(data, C, T, H, W, [1, 2, 2], 0, layout)));
  });
});
