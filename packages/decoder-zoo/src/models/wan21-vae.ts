import { add, conv, div, matmul, mul, reshape, resize, silu, slice, softmax, transpose, type GraphBuilder, type Value } from '@evalkit/onnx-graph';
import { causalTimeUpsample } from '../blocks/causal-time-upsample';
import { videoConv3d } from '../blocks/padded-conv';
import { scaleChannels } from '../blocks/width';
import { positiveInt, type DiffusersConfig, type ModelConfigSpec } from './diffusers-config';

/** Hyperparameters of a Wan VAE decoder (the names of diffusers' AutoencoderKLWan config). */
export interface WanConfig {
  /** Latent channels (z_dim). */
  latentChannels: number;
  /** Base channel count (base_dim). */
  baseDim: number;
  /** Channel multipliers in encoder order (dim_mult); the decoder walks them backwards. */
  dimMult: readonly number[];
  /** ResBlocks per encoder stage (num_res_blocks); each decoder up block has one more. */
  numResBlocks: number;
  /** Whether each decoder upsampler also doubles time: the encoder's temperal_downsample reversed. */
  temporalUpsample: readonly boolean[];
}

/** Wan 2.1's VAE (diffusers AutoencoderKLWan defaults): 16 latent channels, 4x8x8 compression, 73.3M decoder parameters. */
export const WAN_21: WanConfig = {
  latentChannels: 16,
  baseDim: 96,
  dimMult: [1, 2, 4, 4],
  numResBlocks: 2,
  // temperal_downsample [False, True, True] reversed
  temporalUpsample: [true, true, false],
};

/** AutoencoderKLWan's published config (Wan 2.1 VAE, diffusers layout): the fields the decoder reads. */
export const WAN_21_SPEC: ModelConfigSpec = {
  published: { base_dim: 96, z_dim: 16, dim_mult: [1, 2, 4, 4], num_res_blocks: 2, temperal_downsample: [false, true, true], attn_scales: [], is_residual: false, patch_size: null, out_channels: 3 },
  widthFields: ['base_dim', 'z_dim'],
  scaledFields: [],
};

/** The WanConfig a diffusers config describes. */
export function wanConfigOf(config: DiffusersConfig): WanConfig {
  return {
    latentChannels: positiveInt(config, 'z_dim'),
    baseDim: positiveInt(config, 'base_dim'),
    dimMult: config.dim_mult as number[],
    numResBlocks: positiveInt(config, 'num_res_blocks'),
    temporalUpsample: [...(config.temperal_downsample as boolean[])].reverse(),
  };
}

/** One decoder up block at full width: ResBlock output channels and the upsampler that ends it. */
export interface WanUpStage {
  /** Channels entering the block (half the previous block's, as the 2.1 upsamplers halve channels). */
  inChannels: number;
  /** Channels of its ResBlocks. */
  outChannels: number;
  /** '3d' (time and space), '2d' (space only) or null (last block). */
  upsample: '3d' | '2d' | null;
}

/** The decoder's up blocks for a config: 384->384 (3d), 192->384 (3d), 192->192 (2d), 96->96 for Wan 2.1. */
export function wanUpStages(config: WanConfig): WanUpStage[] {
  const mult = [config.dimMult[config.dimMult.length - 1], ...[...config.dimMult].reverse()];
  const dims = mult.map((m) => m * config.baseDim);
  const last = config.dimMult.length - 1;
  return config.dimMult.map((_, i) => ({
    inChannels: i === 0 ? dims[0] : dims[i] / 2,
    outChannels: dims[i + 1],
    upsample: i === last ? null : config.temporalUpsample[i] ? '3d' : '2d',
  }));
}

/** Output frames of a Wan decoder: every '3d' upsampler keeps frame 0 and doubles the rest (4T-3 for Wan 2.1). */
export function wanOutputFrames(config: WanConfig, latentFrames: number): number {
  let t = latentFrames;
  for (const s of wanUpStages(config)) if (s.upsample === '3d') t = 2 * t - 1;
  return t;
}

/**
 * Wan's RMS_norm: F.normalize over channels (x / max(||x||₂, 1e-12)) times sqrt(C) times a learnable
 * gamma. The sqrt(C) is folded into the one-channel norm tensor so the full-size tensor sees one Div
 * and one Mul.
 */
function wanRmsNorm(g: GraphBuilder, x: Value, name: string): Value {
  const c = x.shape[1];
  const reduced = x.shape.map((d, i) => (i === 1 ? 1 : d));
  const [l2] = g.addNode('ReduceL2', [x], [reduced], { attributes: { axes: [1], keepdims: 1 } });
  const [clamped] = g.addNode('Max', [l2, g.constFloat([1e-12], [])], [reduced]);
  const normed = div(g, x, mul(g, clamped, g.constFloat([1 / Math.sqrt(c)], [])));
  return mul(g, normed, g.parameter(`${name}.gamma`, x.shape.map((d, i) => (i === 1 ? d : 1)), { kind: 'constant', value: 1 }));
}

/** WanCausalConv3d: zero padding, all of the time padding in front (kernel - 1 frames), half the kernel on each side in space. */
function causalConv(g: GraphBuilder, x: Value, out: number, kernel: readonly [number, number, number], name: string): Value {
  // WanCausalConv3d is an nn.Conv3d itself: its parameters sit at NAME.weight / NAME.bias
  const [kt, kh, kw] = kernel;
  return videoConv3d(g, x, { outChannels: out, kernel, pads: [kt - 1, kh >> 1, kw >> 1, 0, kh >> 1, kw >> 1], name });
}

function resBlock(g: GraphBuilder, x: Value, out: number, name: string): Value {
  const shortcut = x.shape[1] === out ? x : causalConv(g, x, out, [1, 1, 1], `${name}.conv_shortcut`);
  let h = silu(g, wanRmsNorm(g, x, `${name}.norm1`));
  h = causalConv(g, h, out, [3, 3, 3], `${name}.conv1`);
  h = silu(g, wanRmsNorm(g, h, `${name}.norm2`));
  h = causalConv(g, h, out, [3, 3, 3], `${name}.conv2`);
  return add(g, h, shortcut);
}

/**
 * WanAttentionBlock: RMS_norm, then single-head attention among the H*W tokens of each frame (frames do
 * not see each other), residual. Its projections are 1x1 Conv2d layers applied per frame (a fused
 * to_qkv C -> 3C and proj C -> C), done here as 1x1x1 Conv3d over the clip: the same weights up to a
 * size-1 axis, without moving frames into the batch.
 */
function frameAttention(g: GraphBuilder, x: Value, name: string): Value {
  const [b, c, t, h, w] = x.shape;
  const qkv = conv(g, wanRmsNorm(g, x, `${name}.norm`), { outChannels: 3 * c, kernel: [1, 1, 1], name: `${name}.to_qkv` });
  const tokens = reshape(g, transpose(g, qkv, [0, 2, 3, 4, 1]), [b * t, h * w, 3 * c]);
  const part = (i: number) => slice(g, tokens, { starts: [i * c], ends: [(i + 1) * c], axes: [2] });
  const q = mul(g, part(0), g.constFloat([1 / Math.sqrt(c)], []));
  const scores = matmul(g, q, transpose(g, part(1), [0, 2, 1]));
  const attended = matmul(g, softmax(g, scores, -1), part(2));
  const back = transpose(g, reshape(g, attended, [b, t, h, w, c]), [0, 4, 1, 2, 3]);
  return add(g, conv(g, back, { outChannels: c, kernel: [1, 1, 1], name: `${name}.proj` }), x);
}

/**
 * WanResample 'upsample3d' / 'upsample2d': the optional causal time doubling, then per frame a
 * nearest-exact 2x resize and a Conv2d 3x3 C -> out. At an integer factor 2 nearest-exact picks source
 * floor(i / 2), which is the default asymmetric/floor Resize; the Conv2d is a 1x3x3 Conv3d (same weights
 * and MACs, no reshaping frames into the batch).
 */
function upsample(g: GraphBuilder, x: Value, mode: '3d' | '2d', out: number, name: string): Value {
  const y = mode === '3d' ? causalTimeUpsample(g, x, `${name}.time_conv`) : x;
  const up = resize(g, y, { scales: [1, 1, 1, 2, 2], mode: 'nearest' });
  return videoConv3d(g, up, { outChannels: out, kernel: [1, 3, 3], pads: [0, 1, 1, 0, 1, 1], name: `${name}.resample.1` });
}

/**
 * Builds AutoencoderKLWan's decode path (post_quant_conv, the decoder, the clamp to [-1, 1]) from latent
 * [B, 16, T, h, w] to video [B, 3, 4T-3, 8h, 8w]; parameters named as its state dict. The reference
 * decodes one latent frame at a time with a cache of the last two frames of every causal conv's input;
 * this graph decodes the whole clip in one pass with causal zero-padded convs, which computes the same
 * frames (see causalTimeUpsample for the one place where frame 0 is special).
 */
export function buildWanVae(g: GraphBuilder, latent: Value, widthMult: number, config: WanConfig = WAN_21): Value {
  const ch = (c: number) => scaleChannels(c, widthMult);
  const stages = wanUpStages(config);
  const top = ch(stages[0].inChannels);
  let h = conv(g, latent, { outChannels: latent.shape[1], kernel: [1, 1, 1], name: 'post_quant_conv' });
  h = causalConv(g, h, top, [3, 3, 3], 'decoder.conv_in');
  h = resBlock(g, h, top, 'decoder.mid_block.resnets.0');
  h = frameAttention(g, h, 'decoder.mid_block.attentions.0');
  h = resBlock(g, h, top, 'decoder.mid_block.resnets.1');
  stages.forEach((stage, s) => {
    for (let i = 0; i <= config.numResBlocks; i++) h = resBlock(g, h, ch(stage.outChannels), `decoder.up_blocks.${s}.resnets.${i}`);
    // 2.1 upsamplers halve the channels; scaling the full-width half keeps the next block's shape (and shortcut) as published
    if (stage.upsample) h = upsample(g, h, stage.upsample, ch(stage.outChannels / 2), `decoder.up_blocks.${s}.upsamplers.0`);
  });
  h = silu(g, wanRmsNorm(g, h, 'decoder.norm_out'));
  h = causalConv(g, h, 3, [3, 3, 3], 'decoder.conv_out');
  // AutoencoderKLWan._decode clamps its output to [-1, 1]
  return g.addNode('Clip', [h, g.constFloat([-1], []), g.constFloat([1], [])], [h.shape])[0];
}
