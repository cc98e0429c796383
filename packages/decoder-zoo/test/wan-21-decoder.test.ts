import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GraphBuilder } from '@evalkit/onnx-graph';
import { buildZooModel, zooModelInfo } from '../src';
import { causalTimeUpsample } from '../src/blocks/causal-time-upsample';
import { runModel, testData } from './helpers';

// The team's recomputation of the Wan 2.1 decoder size (diffusers AutoencoderKLWan, random weights), copied into fixtures/paper.
const paper = JSON.parse(readFileSync(resolve(__dirname, '../../../fixtures/paper/turbo-vaed.json'), 'utf8')) as {
  models: Record<string, { paramsM: number | null; recomputedParamsM: number | null }>;
};

/**
 * The decoder's layers written out by hand from diffusers' WanDecoder3d (base_dim 96, dim_mult [1,2,4,4],
 * num_res_blocks 2, temperal_upsample [True, True, False]), independent of the graph builder:
 * [name, cin, cout, kernel volume, output voxels per frame at latent size s (multiple of s²), output frames for T latent frames].
 */
type Layer = { cin: number; cout: number; k: number; area: (s: number) => number; frames: (t: number) => number };
function handLayers(): { layers: Layer[]; gammas: number[] } {
  const layers: Layer[] = [];
  const gammas: number[] = [];
  const f0 = (t: number) => t;
  const f1 = (t: number) => 2 * t - 1;
  const f2 = (t: number) => 4 * t - 3;
  const res = (cin: number, cout: number, area: (s: number) => number, frames: (t: number) => number) => {
    gammas.push(cin, cout);
    layers.push({ cin, cout, k: 27, area, frames }, { cin: cout, cout, k: 27, area, frames });
    if (cin !== cout) layers.push({ cin, cout, k: 1, area, frames });
  };
  const a0 = (s: number) => s * s;
  const a1 = (s: number) => 4 * s * s;
  const a2 = (s: number) => 16 * s * s;
  const a3 = (s: number) => 64 * s * s;
  layers.push({ cin: 16, cout: 16, k: 1, area: a0, frames: f0 }); // post_quant_conv, applied first by AutoencoderKLWan._decode
  layers.push({ cin: 16, cout: 384, k: 27, area: a0, frames: f0 }); // conv_in
  res(384, 384, a0, f0);
  gammas.push(384); // attention norm; to_qkv 384->1152 and proj 384->384 are 1x1 convs with bias
  layers.push({ cin: 384, cout: 1152, k: 1, area: a0, frames: f0 }, { cin: 384, cout: 384, k: 1, area: a0, frames: f0 });
  res(384, 384, a0, f0);
  for (let i = 0; i < 3; i++) res(384, 384, a0, f0); // up0
  layers.push({ cin: 384, cout: 768, k: 3, area: a0, frames: (t) => t - 1 }); // up0 time_conv (frame 0 skips it)
  layers.push({ cin: 384, cout: 192, k: 9, area: a1, frames: f1 }); // up0 Conv2d
  res(192, 384, a1, f1);
  for (let i = 0; i < 2; i++) res(384, 384, a1, f1); // up1
  layers.push({ cin: 384, cout: 768, k: 3, area: a1, frames: (t) => 2 * t - 2 }); // up1 time_conv
  layers.push({ cin: 384, cout: 192, k: 9, area: a2, frames: f2 }); // up1 Conv2d
  for (let i = 0; i < 3; i++) res(192, 192, a2, f2); // up2
  layers.push({ cin: 192, cout: 96, k: 9, area: a3, frames: f2 }); // up2 Conv2d (upsample2d)
  for (let i = 0; i < 3; i++) res(96, 96, a3, f2); // up3
  gammas.push(96); // norm_out
  layers.push({ cin: 96, cout: 3, k: 27, area: a3, frames: f2 }); // conv_out
  return { layers, gammas };
}

describe('wan-2.1 decoder', () => {
  const full = buildZooModel('wan-2.1', { height: 512, width: 512, latentFrames: 5, materializeWeights: false });
  const { layers, gammas } = handLayers();

  it('has 73.3M parameters (within 0.5% of the recomputation), exactly the hand count of diffusers WanDecoder3d', () => {
    const recomputed = paper.models['wan-2.1'].recomputedParamsM!;
    expect(paper.models['wan-2.1'].paramsM).toBeNull();
    expect(Math.abs(full.params / 1e6 - recomputed) / recomputed).toBeLessThan(0.005);
    const hand = layers.reduce((a, l) => a + l.cin * l.cout * l.k + l.cout, 0) + gammas.reduce((a, b) => a + b, 0);
    expect(full.params).toBe(hand);
    expect(full.params).toBe(73_295_603); // decoder 73,295,331 + post_quant_conv (16->16 1x1x1 with bias, 272), as the reference decodes
  });

  it('MACs at 512x512x17 are the hand count: conv + linear per layer plus 2·L²·C per frame of attention', () => {
    const conv = layers.reduce((a, l) => a + l.cin * l.cout * l.k * l.area(64) * l.frames(5), 0);
    const attention = 5 * 2 * (64 * 64) ** 2 * 384;
    expect(full.attentionMacs).toBe(attention);
    expect(full.macs).toBe(conv + attention);
    expect(full.macs / 1e12).toBeCloseTo(19.18, 2);
  });

  it('follows the 4T-3 frame rule with 16 latent channels and 4x8x8 compression', () => {
    const info = zooModelInfo('wan-2.1');
    expect([1, 2, 5, 21].map((t) => info.outputFrames(t))).toEqual([1, 5, 17, 81]);
    expect(info).toMatchObject({ latentChannels: 16, compression: [4, 8, 8], frameRule: '4T-3', baseline: null });
    expect(full.inputShape).toEqual([1, 16, 5, 64, 64]);
    expect(full.outputShape).toEqual([1, 3, 17, 512, 512]);
    const t1 = buildZooModel('wan-2.1', { height: 64, width: 64, latentFrames: 1, materializeWeights: false });
    expect(t1.params).toBe(full.params); // the time convs exist even when one frame never reaches them
  });

  it('decodes causally like the frame-by-frame reference: T latent frames give a prefix of the frames of T+1', async () => {
    // the reference emits 1 frame for latent frame 0 and 4 for each later one, never revising earlier frames
    const data = testData(16 * 3 * 2 * 2, 11);
    const outputs = [];
    for (const t of [1, 2, 3]) {
      const build = buildZooModel('wan-2.1', { height: 16, width: 16, latentFrames: t, widthMult: 1 / 16, seed: 4 });
      // latent [1, 16, t, 2, 2]: the first t frames of the same clip
      const latent = new Float32Array(16 * t * 4);
      for (let c = 0; c < 16; c++) latent.set(data.subarray(c * 12, c * 12 + t * 4), c * t * 4);
      outputs.push((await runModel(build.graph, { latent: { data: latent, dims: build.inputShape } })).video);
    }
    expect(outputs.map((o) => o.dims[2])).toEqual([1, 5, 9]);
    const frames = (o: { data: Float32Array; dims: number[] }, n: number) => {
      const per = o.dims[3] * o.dims[4];
      return Array.from({ length: 3 }, (_, c) => Array.from(o.data.subarray(c * o.dims[2] * per, (c * o.dims[2] + n) * per))).flat();
    };
    for (let i = 0; i < 2; i++) {
      const n = outputs[i].dims[2];
      const later = frames(outputs[i + 1], n);
      frames(outputs[i], n).forEach((v, j) => expect(Math.abs(v - later[j])).toBeLessThan(1e-5));
      // and the newly decoded frames differ from zero and from each other
      expect(new Set(frames(outputs[i + 1], n + 4).slice(-4)).size).toBeGreaterThan(1);
    }
  }, 60_000);
});

/**
 * diffusers' WanResample 'upsample3d' time path run chunk by chunk with its feature cache, on plain
 * arrays: first chunk marks the cache "Rep" and skips the conv; a chunk after "Rep" convolves with two
 * zero frames in front; later chunks prepend the cached last two input frames. x is [C, T, P] (P pixels).
 */
function chunkedTimeUpsample(x: Float32Array, c: number, t: number, p: number, weight: Float32Array, bias: Float32Array, chunks: number[]): Float32Array {
  const frame = (i: number) => Float32Array.from({ length: c * p }, (_, j) => x[(Math.floor(j / p) * t + i) * p + (j % p)]);
  const zeros = () => new Float32Array(c * p);
  let cache: 'none' | 'rep' | Float32Array[] = 'none';
  const out: Float32Array[] = [];
  let start = 0;
  for (const size of chunks) {
    const frames = Array.from({ length: size }, (_, i) => frame(start + i));
    start += size;
    if (cache === 'none') {
      out.push(...frames);
      cache = 'rep';
      continue;
    }
    const history: Float32Array[] = cache === 'rep' ? [] : cache;
    const padded = [...Array.from({ length: 2 - history.length }, zeros), ...history, ...frames];
    frames.forEach((_, j) => {
      const y = new Float32Array(2 * c * p);
      for (let o = 0; o < 2 * c; o++)
        for (let q = 0; q < p; q++) {
          let s = bias[o];
          for (let ci = 0; ci < c; ci++) for (let k = 0; k < 3; k++) s += weight[(o * c + ci) * 3 + k] * padded[j + k][ci * p + q];
          y[o * p + q] = s;
        }
      out.push(y.subarray(0, c * p), y.subarray(c * p)); // channels [0, C) are the earlier frame
    });
    const last = frames.slice(-2);
    cache = last.length === 2 ? last : [cache === 'rep' ? zeros() : cache[cache.length - 1], ...last];
  }
  // back to [C, frames, P]
  const result = new Float32Array(c * out.length * p);
  out.forEach((f, i) => {
    for (let ci = 0; ci < c; ci++) result.set(f.subarray(ci * p, (ci + 1) * p), (ci * out.length + i) * p);
  });
  return result;
}

describe('Wan 2.1 time upsampling in one pass', () => {
  it('equals the frame-by-frame feature-cache reference for 1-frame and 2-frame chunks', async () => {
    const [c, t, h, w] = [3, 5, 2, 3];
    const g = new GraphBuilder({ seed: 6 });
    const x = g.input('x', [1, c, t, h, w]);
    g.output(causalTimeUpsample(g, x, 'tc'), 'y');
    const data = testData(c * t * h * w, 8);
    const y = (await runModel(g, { x: { data, dims: [1, c, t, h, w] } })).y;
    expect(y.dims).toEqual([1, c, 2 * t - 1, h, w]);
    const weight = g.initializers.find((i) => i.name === 'tc.weight_0')!.data as Float32Array;
    const bias = g.initializers.find((i) => i.name === 'tc.bias_0')!.data as Float32Array;
    // [1,1,1,1,1]: what the first upsampler sees (one latent frame per chunk); [1,2,2]: the second (two frames per chunk after the first)
    for (const chunks of [[1, 1, 1, 1, 1], [1, 2, 2]]) {
      const ref = chunkedTimeUpsample(data, c, t, h * w, weight, bias, chunks);
      expect(ref.length).toBe(y.data.length);
      ref.forEach((v, i) => expect(Math.abs(y.data[i] - v)).toBeLessThan(1e-5));
    }
    // frame 0 passes through untouched
    for (let ci = 0; ci < c; ci++) expect(Array.from(y.data.subarray(ci * 9 * h * w, ci * 9 * h * w + h * w))).toEqual(Array.from(data.subarray(ci * t * h * w, ci * t * h * w + h * w)));
  });
});
