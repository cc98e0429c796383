import { add, layerNormChannels, reshape, rmsNormChannels, silu, transpose, type GraphBuilder, type Value } from '@evalkit/onnx-graph';
import { paddedConv3d, pointwiseConv3d } from '../blocks/padded-conv';
import { rank8PixelShuffle3d } from '../blocks/pixel-shuffle';
import { scaleChannels } from '../blocks/width';

const RMS_EPS = 1e-8;
const LN_EPS = 1e-6;
const PATCH = 4;

/** LTX-Video 0.9.0 up blocks (decoder order): output channels, upsampler, ResBlocks after it. */
const STAGES: readonly { channels: number; upsample: boolean; blocks: number }[] = [
  { channels: 512, upsample: false, blocks: 3 },
  { channels: 512, upsample: true, blocks: 3 },
  { channels: 256, upsample: true, blocks: 3 },
  { channels: 128, upsample: true, blocks: 4 },
];
const MID_BLOCKS = 4;

/** Output frames of LTX-Video 0.9.0's decoder (8T-7). */
export function ltxOutputFrames(latentFrames: number): number {
  let t = latentFrames;
  for (const s of STAGES) if (s.upsample) t = 2 * t - 1;
  return t;
}

function conv3(g: GraphBuilder, x: Value, out: number, name: string): Value {
  return paddedConv3d(g, x, { outChannels: out, kernel: [3, 3, 3], time: 'edge-symmetric', space: 'zero', name });
}

function resBlock(g: GraphBuilder, x: Value, out: number, name: string): Value {
  let h = conv3(g, silu(g, rmsNormChannels(g, x, { eps: RMS_EPS })), out, `${name}.conv1`);
  h = conv3(g, silu(g, rmsNormChannels(g, h, { eps: RMS_EPS })), out, `${name}.conv2`);
  const shortcut = x.shape[1] === out ? x : pointwiseConv3d(g, layerNormChannels(g, x, { eps: LN_EPS, name: `${name}.norm3` }), out, `${name}.conv_shortcut`);
  return add(g, h, shortcut);
}

/** Builds the LTX-Video 0.9.0 VAE decoder from latent [B, 128, T, h, w] to video [B, 3, 8T-7, 32h, 32w]. */
export function buildLtxVideo(g: GraphBuilder, latent: Value, widthMult: number): Value {
  let h = conv3(g, latent, scaleChannels(512, widthMult), 'conv_in');
  for (let i = 0; i < MID_BLOCKS; i++) h = resBlock(g, h, h.shape[1], `mid.res${i}`);
  STAGES.forEach((stage, s) => {
    const c = scaleChannels(stage.channels, widthMult);
    if (h.shape[1] !== c) h = resBlock(g, h, c, `up${s}.conv_in`);
    if (stage.upsample) h = rank8PixelShuffle3d(g, conv3(g, h, c * 8, `up${s}.upsampler`), [2, 2, 2], 1);
    for (let i = 0; i < stage.blocks; i++) h = resBlock(g, h, c, `up${s}.res${i}`);
  });
  h = conv3(g, silu(g, rmsNormChannels(g, h, { eps: RMS_EPS })), 3 * PATCH * PATCH, 'conv_out');
  // unpatchify: [B, 3, p_t=1, p, p, T, H, W] -> permute (0,1,5,2,6,4,7,3): the width phase comes from the first p axis
  const [b, , t, hh, ww] = h.shape;
  const patches = reshape(g, h, [b, 3, 1, PATCH, PATCH, t, hh, ww]);
  return reshape(g, transpose(g, patches, [0, 1, 5, 2, 6, 4, 7, 3]), [b, 3, t, hh * PATCH, ww * PATCH]);
}
