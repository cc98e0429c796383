import { layerNormChannels, relu, rmsNormChannels, silu, conv, add, type GraphBuilder, type Value } from '@evalkit/onnx-graph';
import { paddedConv3d, videoConv3d } from '../blocks/padded-conv';
import { decoupledPixelShuffle3d, framePixelShuffle, type ShuffleStride } from '../blocks/pixel-shuffle';
import { boolList, diffusersSpec, numberList, positiveInt, type DiffusersConfig, type ModelConfigSpec } from './diffusers-config';
import turboDcConfig from './configs/turbo-vaed-dc.json';
import turboHunyuanConfig from './configs/turbo-vaed-hunyuan.json';
import turboLtxConfig from './configs/turbo-vaed-ltx.json';

const RMS_EPS = 1e-8;
const LN_EPS = 1e-6;

/** Turbo-VAED-Hunyuan and -Cog (configs/Turbo-VAED-{Hunyuan,Cog}.json of hustvl/Turbo-VAED: the same decoder; the fields it reads). */
export const TURBO_HUNYUAN: ModelConfigSpec = diffusersSpec(turboHunyuanConfig, 'decoder_block_out_channels');

/** Turbo-VAED-LTX (configs/Turbo-VAED-LTX.json). */
export const TURBO_LTX: ModelConfigSpec = diffusersSpec(turboLtxConfig, 'decoder_block_out_channels');

/** Turbo-VAED-DC (configs/Turbo-VAED-DC.json): frames are not dropped after upsampling (4T). */
export const TURBO_DC: ModelConfigSpec = diffusersSpec(turboDcConfig, 'decoder_block_out_channels');

/** One up block in decoder order, read from a config. */
interface UpBlock {
  channels: number;
  layers: number;
  dw: boolean;
  stride: ShuffleStride | null;
}

/** The decoder's blocks: diffusers lists are in encoder order and reversed inside the decoder. */
function upBlocks(config: DiffusersConfig): { top: number; midLayers: number; midDw: boolean; blocks: UpBlock[] } {
  const channels = [...numberList(config, 'decoder_block_out_channels')].reverse();
  const layers = [...numberList(config, 'decoder_layers_per_block')].reverse();
  const scaling = [...boolList(config, 'decoder_spatio_temporal_scaling')].reverse();
  const spatioOnly = [...boolList(config, 'decoder_spatio_only')].reverse();
  const dw = [...boolList(config, 'decoder_is_dw_conv')].reverse();
  return {
    top: channels[0],
    midLayers: layers[0],
    midDw: dw[0],
    blocks: channels.map((c, i) => ({ channels: c, layers: layers[i + 1], dw: dw[i + 1], stride: scaling[i] ? (spatioOnly[i] ? [1, 2, 2] : [2, 2, 2]) : null })),
  };
}

/** Output frames of a Turbo decoder for T latent frames (4T-3 / 8T-7 with dropping, T x prod(st) without). */
export function turboOutputFrames(config: DiffusersConfig, latentFrames: number): number {
  let t = latentFrames;
  const drop = config.is_video_dc_ae !== true;
  for (const b of upBlocks(config).blocks) if (b.stride) t = b.stride[0] * t - (drop ? b.stride[0] - 1 : 0);
  return t;
}

/** TurboVAEDCausalDepthwiseSeperableConv3d: depthwise k^3 Conv3d then pointwise 1x1x1 Conv3d, time edge-padded, space zero-padded. */
function dwSeparableConv(g: GraphBuilder, x: Value, out: number, kernel: number, name: string): Value {
  const dw = paddedConv3d(g, x, { outChannels: x.shape[1], kernel: [kernel, kernel, kernel], time: 'edge-symmetric', space: 'zero', groups: x.shape[1], name: `${name}.depthwise_conv` });
  return conv(g, dw, { outChannels: out, kernel: [1, 1, 1], name: `${name}.pointwise_conv` });
}

/** TurboVAEDCausalConv3d, non-causal: time edge-padded (k-1)/2 each side, space zero-padded. */
function ordinaryConv(g: GraphBuilder, x: Value, out: number, kernel: number, name: string): Value {
  return paddedConv3d(g, x, { outChannels: out, kernel: [kernel, kernel, kernel], time: 'edge-symmetric', space: 'zero', name: `${name}.conv` });
}

/** TurboVAEDResnetBlock3d: RMSNorm, act, conv, RMSNorm, SiLU, conv, plus (LayerNorm + 1x1x1 conv when channels change) shortcut. */
function resBlock(g: GraphBuilder, x: Value, out: number, o: { dw: boolean; dwKernel: number; firstAct: 'relu' | 'silu'; name: string }): Value {
  const convFn = (v: Value, c: number, k: number, name: string) => (o.dw ? dwSeparableConv(g, v, c, k, name) : ordinaryConv(g, v, c, k, name));
  const k = o.dw ? o.dwKernel : 3;
  let h = rmsNormChannels(g, x, { eps: RMS_EPS });
  h = o.firstAct === 'relu' ? relu(g, h) : silu(g, h);
  h = convFn(h, out, k, `${o.name}.conv1`);
  h = silu(g, rmsNormChannels(g, h, { eps: RMS_EPS }));
  h = convFn(h, out, k, `${o.name}.conv2`);
  let shortcut = x;
  if (x.shape[1] !== out) shortcut = convFn(layerNormChannels(g, x, { eps: LN_EPS, name: `${o.name}.norm3` }), out, 1, `${o.name}.conv_shortcut`);
  return add(g, h, shortcut);
}

/**
 * Builds TurboVAEDDecoder3d from latent [B, Cl, T, h, w] to video [B, 3, F, H, W], parameters named as
 * AutoencoderKLTurboVAED's state dict ("decoder.*").
 */
export function buildTurboVaed(g: GraphBuilder, latent: Value, config: DiffusersConfig): Value {
  const { top, midLayers, midDw, blocks } = upBlocks(config);
  const dwKernel = positiveInt(config, 'decoder_dw_kernel_size');
  const dropFrames = config.is_video_dc_ae !== true;
  let h = ordinaryConv(g, latent, top, 3, 'decoder.conv_in');
  for (let i = 0; i < midLayers; i++) h = resBlock(g, h, top, { dw: midDw, dwKernel, firstAct: 'silu', name: `decoder.mid_block.resnets.${i}` });
  blocks.forEach((block, i) => {
    const name = `decoder.up_blocks.${i}`;
    // the channel-changing block keeps SiLU: the reference marks only the blocks after an upsampler for ReLU
    if (h.shape[1] !== block.channels) h = resBlock(g, h, block.channels, { dw: block.dw, dwKernel, firstAct: 'silu', name: `${name}.conv_in` });
    if (block.stride) {
      const [st, sh, sw] = block.stride;
      const up = ordinaryConv(g, h, block.channels * st * sh * sw, 3, `${name}.upsamplers.0.conv`);
      h = decoupledPixelShuffle3d(g, up, block.stride, dropFrames ? st - 1 : 0);
    }
    for (let j = 0; j < block.layers; j++) h = resBlock(g, h, block.channels, { dw: block.dw, dwKernel, firstAct: block.stride ? 'relu' : 'silu', name: `${name}.resnets.${j}` });
  });
  const patch = positiveInt(config, 'patch_size');
  if (patch >= 2) {
    for (const step of patch >= 4 ? [1, 2] : [1]) {
      h = silu(g, rmsNormChannels(g, h, { eps: RMS_EPS }));
      // a per-frame Conv2d 3x3 is a Conv3d with a 1x3x3 kernel: same weights (up to a size-1 axis) and MACs, no reshapes
      h = videoConv3d(g, h, { outChannels: h.shape[1], kernel: [1, 3, 3], pads: [0, 1, 1, 0, 1, 1], name: `decoder.upsampler2d_${step}.conv` });
      h = framePixelShuffle(g, h, 2);
    }
  }
  h = silu(g, rmsNormChannels(g, h, { eps: RMS_EPS }));
  return ordinaryConv(g, h, positiveInt(config, 'out_channels'), 3, 'decoder.conv_out');
}
