import { layerNormChannels, relu, rmsNormChannels, silu, conv, add, type GraphBuilder, type Value } from '@evalkit/onnx-graph';
import { paddedConv3d, pointwiseConv3d } from '../blocks/padded-conv';
import { decoupledPixelShuffle3d, framePixelShuffle, type ShuffleStride } from '../blocks/pixel-shuffle';
import { scaleChannels } from '../blocks/width';

/** One Turbo-VAED up block with an upsampler: conv_in ResBlock to `channels`, upsampler, `blocks` ResBlocks. */
export interface TurboUpStage {
  /** Output channels (full width). */
  channels: number;
  /** Upsampler stride (t, h, w). */
  stride: ShuffleStride;
  /** ResBlocks after the upsampler. */
  blocks: number;
}

/** A Turbo-VAED decoder configuration (from the public configs, see fixtures/paper and decoders.md). */
export interface TurboConfig {
  /** Latent channels. */
  latentChannels: number;
  /** Channels of conv_in, the mid block and up block 0. */
  width: number;
  /** ResBlocks of the mid block (depthwise-separable k5 convs). */
  midBlocks: number;
  /** ResBlocks of up block 0 (depthwise-separable, no upsampler). */
  up0Blocks: number;
  /** Up blocks 1..3. */
  stages: readonly TurboUpStage[];
  /** Output head: 1 = RMSNorm/SiLU/Conv3d to RGB; 4 = two per-frame conv + pixel-shuffle(2) steps first. */
  patchSize: 1 | 4;
  /** Whether each upsampler drops its first st-1 frames (false for the DC variant). */
  dropFirstFrames: boolean;
}

const RMS_EPS = 1e-8;
const LN_EPS = 1e-6;
const DW_KERNEL = 5;

/** Turbo-VAED-Hunyuan / -Cog (same config). */
export const TURBO_HUNYUAN: TurboConfig = {
  latentChannels: 16,
  width: 512,
  midBlocks: 5,
  up0Blocks: 4,
  stages: [
    { channels: 256, stride: [2, 2, 2], blocks: 4 },
    { channels: 32, stride: [2, 2, 2], blocks: 4 },
    { channels: 16, stride: [1, 2, 2], blocks: 5 },
  ],
  patchSize: 1,
  dropFirstFrames: true,
};

/** Turbo-VAED-LTX. */
export const TURBO_LTX: TurboConfig = {
  latentChannels: 128,
  width: 512,
  midBlocks: 1,
  up0Blocks: 1,
  stages: [
    { channels: 256, stride: [2, 2, 2], blocks: 3 },
    { channels: 128, stride: [2, 2, 2], blocks: 2 },
    { channels: 64, stride: [2, 2, 2], blocks: 3 },
  ],
  patchSize: 4,
  dropFirstFrames: true,
};

/** Turbo-VAED-DC. */
export const TURBO_DC: TurboConfig = {
  latentChannels: 128,
  width: 512,
  midBlocks: 4,
  up0Blocks: 3,
  stages: [
    { channels: 256, stride: [2, 2, 2], blocks: 3 },
    { channels: 128, stride: [2, 2, 2], blocks: 3 },
    { channels: 64, stride: [1, 2, 2], blocks: 4 },
  ],
  patchSize: 4,
  dropFirstFrames: false,
};

/** Output frames of a Turbo decoder for T latent frames (4T-3 / 8T-7 with dropping, T x prod(st) without). */
export function turboOutputFrames(config: TurboConfig, latentFrames: number): number {
  let t = latentFrames;
  for (const s of config.stages) t = s.stride[0] * t - (config.dropFirstFrames ? s.stride[0] - 1 : 0);
  return t;
}

/** Depthwise k5 Conv3d then pointwise 1x1x1 Conv3d, time edge-padded and space zero-padded by k//2. */
function dwSeparableConv(g: GraphBuilder, x: Value, out: number, name: string): Value {
  const dw = paddedConv3d(g, x, { outChannels: x.shape[1], kernel: [DW_KERNEL, DW_KERNEL, DW_KERNEL], time: 'edge-symmetric', space: 'zero', groups: x.shape[1], name: `${name}.dw` });
  return pointwiseConv3d(g, dw, out, `${name}.pw`);
}

function ordinaryConv(g: GraphBuilder, x: Value, out: number, name: string): Value {
  return paddedConv3d(g, x, { outChannels: out, kernel: [3, 3, 3], time: 'edge-symmetric', space: 'zero', name });
}

/** Turbo ResBlock: RMSNorm, act, conv, RMSNorm, SiLU, conv, plus (LayerNorm + 1x1x1 conv when channels change) shortcut. */
function resBlock(g: GraphBuilder, x: Value, out: number, o: { dw: boolean; firstAct: 'relu' | 'silu'; name: string }): Value {
  const convFn = o.dw ? dwSeparableConv : ordinaryConv;
  let h = rmsNormChannels(g, x, { eps: RMS_EPS });
  h = o.firstAct === 'relu' ? relu(g, h) : silu(g, h);
  h = convFn(g, h, out, `${o.name}.conv1`);
  h = silu(g, rmsNormChannels(g, h, { eps: RMS_EPS }));
  h = convFn(g, h, out, `${o.name}.conv2`);
  let shortcut = x;
  if (x.shape[1] !== out) shortcut = pointwiseConv3d(g, layerNormChannels(g, x, { eps: LN_EPS, name: `${o.name}.norm3` }), out, `${o.name}.shortcut`);
  return add(g, h, shortcut);
}

/** Builds a Turbo-VAED decoder body from latent [B, Cl, T, h, w] to video [B, 3, F, H, W]. */
export function buildTurboVaed(g: GraphBuilder, latent: Value, config: TurboConfig, widthMult: number): Value {
  const width = scaleChannels(config.width, widthMult);
  let h = ordinaryConv(g, latent, width, 'conv_in');
  for (let i = 0; i < config.midBlocks; i++) h = resBlock(g, h, width, { dw: true, firstAct: 'silu', name: `mid.res${i}` });
  for (let i = 0; i < config.up0Blocks; i++) h = resBlock(g, h, width, { dw: true, firstAct: 'silu', name: `up0.res${i}` });
  config.stages.forEach((stage, s) => {
    const name = `up${s + 1}`;
    const c = scaleChannels(stage.channels, widthMult);
    if (h.shape[1] !== c) h = resBlock(g, h, c, { dw: false, firstAct: 'relu', name: `${name}.conv_in` });
    const [st, sh, sw] = stage.stride;
    const up = ordinaryConv(g, h, c * st * sh * sw, `${name}.upsampler`);
    h = decoupledPixelShuffle3d(g, up, stage.stride, config.dropFirstFrames ? st - 1 : 0);
    for (let i = 0; i < stage.blocks; i++) h = resBlock(g, h, c, { dw: false, firstAct: 'relu', name: `${name}.res${i}` });
  });
  if (config.patchSize === 4) {
    for (const step of [0, 1]) {
      h = silu(g, rmsNormChannels(g, h, { eps: RMS_EPS }));
      // a per-frame Conv2d 3x3 is a Conv3d with a 1x3x3 kernel: same weights and MACs, no reshapes
      h = conv(g, h, { outChannels: h.shape[1], kernel: [1, 3, 3], pads: [0, 1, 1, 0, 1, 1], name: `head.conv${step}` });
      h = framePixelShuffle(g, h, 2);
    }
  }
  h = silu(g, rmsNormChannels(g, h, { eps: RMS_EPS }));
  return ordinaryConv(g, h, 3, 'conv_out');
}
