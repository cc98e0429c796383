import { add, concat, groupNorm, mul, resize, silu, slice, type GraphBuilder, type Value } from '@evalkit/onnx-graph';
import { paddedConv3d, pointwiseConv3d, videoConv3d } from '../blocks/padded-conv';
import { scaledGroups } from '../blocks/width';
import { numberList, positiveInt, diffusersSpec, type DiffusersConfig, type ModelConfigSpec } from './diffusers-config';
import cogvideoxConfig from './configs/cogvideox.json';

const EPS = 1e-6;

/** AutoencoderKLCogVideoX's published config (zai-org/CogVideoX1.5-5B and CogVideoX-2b/5b, vae/config.json): the fields the decoder reads, in configs/cogvideox.json. */
export const COGVIDEOX: ModelConfigSpec = diffusersSpec(cogvideoxConfig, 'block_out_channels');

/** Up blocks (decoder order): output channels, whether an upsampler follows, whether it doubles time. */
function stages(config: DiffusersConfig): { channels: number; upsample: boolean; compressTime: boolean }[] {
  const channels = [...numberList(config, 'block_out_channels')].reverse();
  const temporal = Math.log2(positiveInt(config, 'temporal_compression_ratio'));
  return channels.map((c, i) => ({ channels: c, upsample: i < channels.length - 1, compressTime: i < temporal }));
}

/** Frames after one time-compressing upsample: frame 0 kept apart when T is odd (and > 1). */
function upsampledFrames(t: number): number {
  if (t === 1) return 1;
  return t % 2 === 1 ? 2 * t - 1 : 2 * t;
}

/** Output frames of CogVideoX's decoder (4T-3 for odd T). */
export function cogOutputFrames(config: DiffusersConfig, latentFrames: number): number {
  let t = latentFrames;
  for (const s of stages(config)) if (s.upsample && s.compressTime) t = upsampledFrames(t);
  return t;
}

/** Causal conv with CogVideoX's "first" time padding (frame 0 repeated twice in front) and zero space padding. */
function causalConv(g: GraphBuilder, x: Value, out: number, name: string): Value {
  return paddedConv3d(g, x, { outChannels: out, kernel: [3, 3, 3], time: 'edge-causal', space: 'zero', name: `${name}.conv` });
}

/** Nearest-resizes the latent to a feature map's (T, H, W), frame 0 kept apart when T is odd (as SpatialNorm3D). */
class LatentResizer {
  private readonly cache = new Map<string, Value>();

  constructor(
    private readonly g: GraphBuilder,
    private readonly latent: Value,
  ) {}

  /** The resized latent for a feature shape (computed once per distinct shape). */
  at(f: Value): Value {
    const [, , t, h, w] = f.shape;
    const key = `${t}x${h}x${w}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const g = this.g;
    const z = this.latent;
    const [, , zt, zh, zw] = z.shape;
    let out: Value;
    if (t > 1 && t % 2 === 1 && zt > 1) {
      const first = resize(g, slice(g, z, { starts: [0], ends: [1], axes: [2] }), { scales: [1, 1, 1, h / zh, w / zw], mode: 'nearest' });
      const rest = resize(g, slice(g, z, { starts: [1], ends: [zt], axes: [2] }), { scales: [1, 1, (t - 1) / (zt - 1), h / zh, w / zw], mode: 'nearest' });
      out = concat(g, [first, rest], 2);
    } else {
      out = resize(g, z, { scales: [1, 1, t / zt, h / zh, w / zw], mode: 'nearest' });
    }
    this.cache.set(key, out);
    return out;
  }
}

/**
 * SpatialNorm3D: GroupNorm(f) * conv_y(zq) + conv_b(zq), with 1x1x1 convs of the resized latent.
 *
 * Why the modulation convs are added to the graph before the GroupNorm: they depend only on the graph
 * input, so onnxruntime may run them whenever it likes. Its CPU schedule (a reverse depth-first walk
 * from the output that follows the highest-numbered producer first) runs a producer created after the
 * feature branch before that whole branch, i.e. every norm's two full-size modulation maps at the start
 * of the run, all alive at once (about 3 GB at 17x128x128, 12 GB at 17x256x256). Created first, they
 * have lower node numbers than the GroupNorm, so each pair runs just before the Mul/Add that uses it.
 * The weights are drawn in the same order as before (GroupNorm's affine init draws nothing).
 */
function spatialNorm(g: GraphBuilder, f: Value, zq: LatentResizer, groups: number, name: string): Value {
  const z = zq.at(f);
  const c = f.shape[1];
  const scale = pointwiseConv3d(g, z, c, `${name}.conv_y.conv`);
  const shift = pointwiseConv3d(g, z, c, `${name}.conv_b.conv`);
  const normed = groupNorm(g, f, { groups, eps: EPS, name: `${name}.norm_layer` });
  return add(g, mul(g, normed, scale), shift);
}

function resBlock(g: GraphBuilder, x: Value, out: number, zq: LatentResizer, groups: (c: number) => number, name: string): Value {
  let h = silu(g, spatialNorm(g, x, zq, groups(x.shape[1]), `${name}.norm1`));
  h = causalConv(g, h, out, `${name}.conv1`);
  h = silu(g, spatialNorm(g, h, zq, groups(out), `${name}.norm2`));
  h = causalConv(g, h, out, `${name}.conv2`);
  const shortcut = x.shape[1] === out ? x : pointwiseConv3d(g, x, out, `${name}.conv_shortcut`);
  return add(g, h, shortcut);
}

/** CogVideoXUpsampling3D: nearest 2x (time too when compressing, frame 0 apart for odd T), then per-frame Conv2d 3x3. */
function upsample(g: GraphBuilder, x: Value, compressTime: boolean, name: string): Value {
  const t = x.shape[2];
  let up: Value;
  if (compressTime && t > 1 && t % 2 === 1) {
    const first = resize(g, slice(g, x, { starts: [0], ends: [1], axes: [2] }), { scales: [1, 1, 1, 2, 2], mode: 'nearest' });
    const rest = resize(g, slice(g, x, { starts: [1], ends: [t], axes: [2] }), { scales: [1, 1, 2, 2, 2], mode: 'nearest' });
    up = concat(g, [first, rest], 2);
  } else {
    up = resize(g, x, { scales: [1, 1, compressTime && t > 1 ? 2 : 1, 2, 2], mode: 'nearest' });
  }
  // per-frame Conv2d 3x3 as a 1x3x3 Conv3d: identical weights and MACs without reshaping frames into the batch
  return videoConv3d(g, up, { outChannels: x.shape[1], kernel: [1, 3, 3], pads: [0, 1, 1, 0, 1, 1], name: `${name}.conv` });
}

/**
 * Builds the CogVideoX VAE decoder from latent [B, 16, T, h, w] to video [B, 3, F, 8h, 8w]. The whole
 * clip is decoded in one pass (the reference decodes latent-frame batches with a conv cache, which
 * only matters for T larger than one batch).
 */
export function buildCogVideoX(g: GraphBuilder, latent: Value, config: DiffusersConfig, widthMult: number): Value {
  const normGroups = positiveInt(config, 'norm_num_groups');
  const groups = (c: number) => (widthMult === 1 ? normGroups : scaledGroups(c, normGroups, widthMult));
  const layers = positiveInt(config, 'layers_per_block') + 1;
  const st = stages(config);
  const zq = new LatentResizer(g, latent);
  const width = st[0].channels;
  let h = causalConv(g, latent, width, 'decoder.conv_in');
  for (let i = 0; i < 2; i++) h = resBlock(g, h, width, zq, groups, `decoder.mid_block.resnets.${i}`);
  st.forEach((stage, s) => {
    for (let i = 0; i < layers; i++) h = resBlock(g, h, stage.channels, zq, groups, `decoder.up_blocks.${s}.resnets.${i}`);
    if (stage.upsample) h = upsample(g, h, stage.compressTime, `decoder.up_blocks.${s}.upsamplers.0`);
  });
  h = silu(g, spatialNorm(g, h, zq, groups(h.shape[1]), 'decoder.norm_out'));
  return causalConv(g, h, positiveInt(config, 'out_channels'), 'decoder.conv_out');
}
