import { add, layerNormChannels, reshape, rmsNormChannels, silu, transpose, type GraphBuilder, type Value } from '@evalkit/onnx-graph';
import { paddedConv3d, pointwiseConv3d } from '../blocks/padded-conv';
import { rank8PixelShuffle3d } from '../blocks/pixel-shuffle';
import { boolList, numberList, positiveInt, diffusersSpec, type DiffusersConfig, type ModelConfigSpec } from './diffusers-config';
import ltxVideoConfig from './configs/ltx-video-0.9.0.json';

const RMS_EPS = 1e-8;
const LN_EPS = 1e-6;

/** AutoencoderKLLTXVideo's config for LTX-Video 0.9.0 (Lightricks/LTX-Video, vae/config.json): the fields the decoder reads, in configs/ltx-video-0.9.0.json. */
export const LTX_VIDEO_090: ModelConfigSpec = diffusersSpec(ltxVideoConfig, 'decoder_block_out_channels');

/** Up blocks (decoder order): output channels, upsampler, ResBlocks after it; and the mid block's ResBlocks. */
function stages(config: DiffusersConfig): { mid: number; blocks: { channels: number; upsample: boolean; blocks: number }[] } {
  const channels = [...numberList(config, 'decoder_block_out_channels')].reverse();
  const layers = [...numberList(config, 'decoder_layers_per_block')].reverse();
  const scaling = [...boolList(config, 'decoder_spatio_temporal_scaling')].reverse();
  return { mid: layers[0], blocks: channels.map((c, i) => ({ channels: c, upsample: scaling[i], blocks: layers[i + 1] })) };
}

/** Output frames of LTX-Video 0.9.0's decoder (8T-7). */
export function ltxOutputFrames(config: DiffusersConfig, latentFrames: number): number {
  let t = latentFrames;
  for (const s of stages(config).blocks) if (s.upsample) t = 2 * t - 1;
  return t;
}

function conv3(g: GraphBuilder, x: Value, out: number, name: string): Value {
  return paddedConv3d(g, x, { outChannels: out, kernel: [3, 3, 3], time: 'edge-symmetric', space: 'zero', name: `${name}.conv` });
}

function resBlock(g: GraphBuilder, x: Value, out: number, name: string): Value {
  let h = conv3(g, silu(g, rmsNormChannels(g, x, { eps: RMS_EPS })), out, `${name}.conv1`);
  h = conv3(g, silu(g, rmsNormChannels(g, h, { eps: RMS_EPS })), out, `${name}.conv2`);
  const shortcut = x.shape[1] === out ? x : pointwiseConv3d(g, layerNormChannels(g, x, { eps: LN_EPS, name: `${name}.norm3` }), out, `${name}.conv_shortcut.conv`);
  return add(g, h, shortcut);
}

/** Builds the LTX-Video 0.9.0 VAE decoder from latent [B, 128, T, h, w] to video [B, 3, 8T-7, 32h, 32w]. */
export function buildLtxVideo(g: GraphBuilder, latent: Value, config: DiffusersConfig): Value {
  const PATCH = positiveInt(config, 'patch_size');
  const { mid, blocks } = stages(config);
  let h = conv3(g, latent, blocks[0].channels, 'decoder.conv_in');
  for (let i = 0; i < mid; i++) h = resBlock(g, h, h.shape[1], `decoder.mid_block.resnets.${i}`);
  blocks.forEach((stage, s) => {
    const c = stage.channels;
    const name = `decoder.up_blocks.${s}`;
    if (h.shape[1] !== c) h = resBlock(g, h, c, `${name}.conv_in`);
    if (stage.upsample) h = rank8PixelShuffle3d(g, conv3(g, h, c * 8, `${name}.upsamplers.0.conv`), [2, 2, 2], 1);
    for (let i = 0; i < stage.blocks; i++) h = resBlock(g, h, c, `${name}.resnets.${i}`);
  });
  h = conv3(g, silu(g, rmsNormChannels(g, h, { eps: RMS_EPS })), positiveInt(config, 'out_channels') * PATCH * PATCH, 'decoder.conv_out');
  // unpatchify: [B, 3, p_t=1, p, p, T, H, W] -> permute (0,1,5,2,6,4,7,3): the width phase comes from the first p axis
  const [b, , t, hh, ww] = h.shape;
  const patches = reshape(g, h, [b, h.shape[1] / (PATCH * PATCH), 1, PATCH, PATCH, t, hh, ww]);
  return reshape(g, transpose(g, patches, [0, 1, 5, 2, 6, 4, 7, 3]), [b, h.shape[1] / (PATCH * PATCH), t, hh * PATCH, ww * PATCH]);
}
