import { conv, pad, type GraphBuilder, type Value } from '@evalkit/onnx-graph';

/** How a 3-D conv pads time: symmetric edge frames (non-causal), edge frames in front only (causal), or none. */
export type TimePadding = 'edge-symmetric' | 'edge-causal' | 'none';

/** Options of a padded Conv3d. */
export interface PaddedConvOptions {
  /** Output channels. */
  outChannels: number;
  /** Kernel [t, h, w]. */
  kernel: readonly [number, number, number];
  /** Time padding mode (frames are repeated, as PyTorch's replicate pad / cat of the first frame). */
  time: TimePadding;
  /** Space padding: zeros (done by the Conv itself, no extra copy) or replicated border pixels. */
  space: 'zero' | 'edge';
  /** Conv groups (channels for depthwise). */
  groups?: number;
  /** Parameter name prefix. */
  name?: string;
}

/**
 * A Conv3d with the padding the video VAEs use. Edge padding needs a Pad node; zero space padding is
 * folded into the Conv's pads so no padded copy of the tensor is made.
 */
export function paddedConv3d(g: GraphBuilder, x: Value, o: PaddedConvOptions): Value {
  const [kt, kh, kw] = o.kernel;
  const tFront = o.time === 'edge-causal' ? kt - 1 : o.time === 'edge-symmetric' ? (kt - 1) >> 1 : 0;
  const tBack = o.time === 'edge-symmetric' ? (kt - 1) >> 1 : 0;
  const ph = kh >> 1;
  const pw = kw >> 1;
  let input = x;
  let convPads = [0, ph, pw, 0, ph, pw];
  if (o.space === 'edge') {
    if (tFront + tBack + ph + pw > 0) input = pad(g, x, { pads: [0, 0, tFront, ph, pw, 0, 0, tBack, ph, pw], mode: 'edge' });
    convPads = [0, 0, 0, 0, 0, 0];
  } else if (tFront + tBack > 0) {
    input = pad(g, x, { pads: [0, 0, tFront, 0, 0, 0, 0, tBack, 0, 0], mode: 'edge' });
  }
  return conv(g, input, { outChannels: o.outChannels, kernel: o.kernel, pads: convPads, groups: o.groups, name: o.name });
}

/** A 1x1x1 Conv3d (channel mixing, no padding). */
export function pointwiseConv3d(g: GraphBuilder, x: Value, outChannels: number, name?: string): Value {
  return conv(g, x, { outChannels, kernel: [1, 1, 1], name });
}
