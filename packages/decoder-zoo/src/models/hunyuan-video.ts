import { add, concat, groupNorm, reshape, resize, selfAttention, silu, slice, transpose, type GraphBuilder, type Value } from '@evalkit/onnx-graph';
import { paddedConv3d, pointwiseConv3d } from '../blocks/padded-conv';
import { scaleChannels, scaledGroups } from '../blocks/width';
import { frameCausalMask } from '../blocks/causal-mask';

const GROUPS = 32;
const EPS = 1e-6;

/** HunyuanVideo up blocks (decoder order): output channels and nearest-upsample factor (t, h, w), null for none. */
const STAGES: readonly { channels: number; up: readonly [number, number, number] | null }[] = [
  { channels: 512, up: [1, 2, 2] },
  { channels: 512, up: [2, 2, 2] },
  { channels: 256, up: [2, 2, 2] },
  { channels: 128, up: null },
];
const RES_PER_STAGE = 3;

/** Output frames of HunyuanVideo's decoder: each time upsample keeps frame 0 and doubles the rest. */
export function hunyuanOutputFrames(latentFrames: number): number {
  let t = latentFrames;
  for (const s of STAGES) if (s.up && s.up[0] === 2) t = 2 * t - 1;
  return t;
}

function causalConv(g: GraphBuilder, x: Value, out: number, name: string): Value {
  return paddedConv3d(g, x, { outChannels: out, kernel: [3, 3, 3], time: 'edge-causal', space: 'edge', name });
}

function resBlock(g: GraphBuilder, x: Value, out: number, groups: (c: number) => number, name: string): Value {
  let h = silu(g, groupNorm(g, x, { groups: groups(x.shape[1]), eps: EPS, name: `${name}.norm1` }));
  h = causalConv(g, h, out, `${name}.conv1`);
  h = silu(g, groupNorm(g, h, { groups: groups(out), eps: EPS, name: `${name}.norm2` }));
  h = causalConv(g, h, out, `${name}.conv2`);
  const shortcut = x.shape[1] === out ? x : pointwiseConv3d(g, x, out, `${name}.conv_shortcut`);
  return add(g, h, shortcut);
}

/** Single-head self-attention over all T*H*W tokens with GroupNorm and a frame-causal mask, plus residual. */
function midAttention(g: GraphBuilder, x: Value, groups: number): Value {
  const [b, c, t, h, w] = x.shape;
  const flat = reshape(g, x, [b, c, t * h * w]);
  const tokens = transpose(g, groupNorm(g, flat, { groups, eps: EPS, name: 'mid.attn.group_norm' }), [0, 2, 1]);
  const attended = selfAttention(g, tokens, { heads: 1, mask: frameCausalMask(g, t, h * w), name: 'mid.attn' });
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

/** Builds the HunyuanVideo VAE decoder from latent [B, 16, T, h, w] to video [B, 3, 4T-3, 8h, 8w]. */
export function buildHunyuanVideo(g: GraphBuilder, latent: Value, widthMult: number): Value {
  const groups = (c: number) => scaledGroups(c, GROUPS, widthMult);
  const width = scaleChannels(512, widthMult);
  let h = causalConv(g, latent, width, 'conv_in');
  h = resBlock(g, h, width, groups, 'mid.res0');
  h = midAttention(g, h, groups(width));
  h = resBlock(g, h, width, groups, 'mid.res1');
  STAGES.forEach((stage, s) => {
    const c = scaleChannels(stage.channels, widthMult);
    for (let i = 0; i < RES_PER_STAGE; i++) h = resBlock(g, h, c, groups, `up${s}.res${i}`);
    if (stage.up) h = upsampleCausal(g, h, stage.up, `up${s}.upsampler`);
  });
  h = silu(g, groupNorm(g, h, { groups: groups(h.shape[1]), eps: EPS, name: 'norm_out' }));
  return causalConv(g, h, 3, 'conv_out');
}
