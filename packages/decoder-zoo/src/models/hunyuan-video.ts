import { add, concat, conv, groupNorm, reshape, resize, selfAttention, silu, slice, transpose, type GraphBuilder, type Value } from '@evalkit/onnx-graph';
import { paddedConv3d } from '../blocks/padded-conv';
import { scaledGroups } from '../blocks/width';
import { frameCausalMask } from '../blocks/causal-mask';
import { numberList, positiveInt, diffusersSpec, type DiffusersConfig, type ModelConfigSpec } from './diffusers-config';
import hunyuanVideoConfig from './configs/hunyuan-video.json';

const EPS = 1e-6;

/** AutoencoderKLHunyuanVideo's published config (hunyuanvideo-community/HunyuanVideo, vae/config.json): the fields the decoder reads, in configs/hunyuan-video.json. */
export const HUNYUAN_VIDEO: ModelConfigSpec = diffusersSpec(hunyuanVideoConfig, 'block_out_channels');

/** Up blocks in decoder order: channels and nearest-upsample factor (t, h, w), null for none (3 spatial, 2 temporal doublings). */
function stages(config: DiffusersConfig): { channels: number; up: readonly [number, number, number] | null }[] {
  const channels = [...numberList(config, 'block_out_channels')].reverse();
  const spatial = Math.log2(positiveInt(config, 'spatial_compression_ratio'));
  const temporal = Math.log2(positiveInt(config, 'temporal_compression_ratio'));
  return channels.map((c, i) => {
    const last = i === channels.length - 1;
    const s = i < spatial;
    const t = i >= channels.length - 1 - temporal && !last;
    return { channels: c, up: s || t ? ([t ? 2 : 1, s ? 2 : 1, s ? 2 : 1] as const) : null };
  });
}

/** Output frames of HunyuanVideo's decoder: each time upsample keeps frame 0 and doubles the rest. */
export function hunyuanOutputFrames(config: DiffusersConfig, latentFrames: number): number {
  let t = latentFrames;
  for (const s of stages(config)) if (s.up && s.up[0] === 2) t = 2 * t - 1;
  return t;
}

/** HunyuanVideoCausalConv3d: replicate padding, k-1 frames in front, half the kernel on each side in space. */
function causalConv(g: GraphBuilder, x: Value, out: number, name: string, kernel = 3): Value {
  return paddedConv3d(g, x, { outChannels: out, kernel: [kernel, kernel, kernel], time: 'edge-causal', space: 'edge', name: `${name}.conv` });
}

function resBlock(g: GraphBuilder, x: Value, out: number, groups: (c: number) => number, name: string): Value {
  let h = silu(g, groupNorm(g, x, { groups: groups(x.shape[1]), eps: EPS, name: `${name}.norm1` }));
  h = causalConv(g, h, out, `${name}.conv1`);
  h = silu(g, groupNorm(g, h, { groups: groups(out), eps: EPS, name: `${name}.norm2` }));
  h = causalConv(g, h, out, `${name}.conv2`);
  const shortcut = x.shape[1] === out ? x : causalConv(g, x, out, `${name}.conv_shortcut`, 1);
  return add(g, h, shortcut);
}

/** Single-head self-attention over all T*H*W tokens with GroupNorm and a frame-causal mask, plus residual. */
function midAttention(g: GraphBuilder, x: Value, groups: number, name: string): Value {
  const [b, c, t, h, w] = x.shape;
  const flat = reshape(g, x, [b, c, t * h * w]);
  const tokens = transpose(g, groupNorm(g, flat, { groups, eps: EPS, name: `${name}.group_norm` }), [0, 2, 1]);
  const attended = selfAttention(g, tokens, { heads: 1, mask: frameCausalMask(g, t, h * w), name, outName: 'to_out.0' });
  return reshape(g, add(g, transpose(g, attended, [0, 2, 1]), flat), [b, c, t, h, w]);
}

/** Nearest upsample with frame 0 upsampled in space only, then a causal Conv3d C -> C. */
function upsampleCausal(g: GraphBuilder, x: Value, factor: readonly [number, number, number], name: string): Value {
  const [ft, fh, fw] = factor;
  const t = x.shape[2];
  let up: Value;
  if (ft === 1 || t === 1) {
    up = resize(g, x, { scales: [1, 1, 1, fh, fw], mode: 'nearest' });
  } else {
    const first = resize(g, slice(g, x, { starts: [0], ends: [1], axes: [2] }), { scales: [1, 1, 1, fh, fw], mode: 'nearest' });
    const rest = resize(g, slice(g, x, { starts: [1], ends: [t], axes: [2] }), { scales: [1, 1, ft, fh, fw], mode: 'nearest' });
    up = concat(g, [first, rest], 2);
  }
  return causalConv(g, up, x.shape[1], `${name}.conv`);
}

/**
 * Builds AutoencoderKLHunyuanVideo's decode path (post_quant_conv, then the decoder) from latent
 * [B, 16, T, h, w] to video [B, 3, 4T-3, 8h, 8w]; parameters named as its state dict.
 */
export function buildHunyuanVideo(g: GraphBuilder, latent: Value, config: DiffusersConfig, widthMult: number): Value {
  const normGroups = positiveInt(config, 'norm_num_groups');
  const groups = (c: number) => (widthMult === 1 ? normGroups : scaledGroups(c, normGroups, widthMult));
  const layers = positiveInt(config, 'layers_per_block') + 1;
  const st = stages(config);
  const width = st[0].channels;
  let h = conv(g, latent, { outChannels: latent.shape[1], kernel: [1, 1, 1], name: 'post_quant_conv' });
  h = causalConv(g, h, width, 'decoder.conv_in');
  h = resBlock(g, h, width, groups, 'decoder.mid_block.resnets.0');
  h = midAttention(g, h, groups(width), 'decoder.mid_block.attentions.0');
  h = resBlock(g, h, width, groups, 'decoder.mid_block.resnets.1');
  st.forEach((stage, s) => {
    for (let i = 0; i < layers; i++) h = resBlock(g, h, stage.channels, groups, `decoder.up_blocks.${s}.resnets.${i}`);
    if (stage.up) h = upsampleCausal(g, h, stage.up, `decoder.up_blocks.${s}.upsamplers.0`);
  });
  h = silu(g, groupNorm(g, h, { groups: groups(h.shape[1]), eps: EPS, name: 'decoder.conv_norm_out' }));
  return causalConv(g, h, positiveInt(config, 'out_channels'), 'decoder.conv_out');
}
