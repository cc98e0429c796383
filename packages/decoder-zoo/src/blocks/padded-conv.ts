import { conv, frameConv3d, pad, type FrameConvOptions, type GraphBuilder, type Value } from '@evalkit/onnx-graph';

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
 * A Conv3d with the padding the video VAEs use. Time edge padding is done by the frame indices of
 * the conv over frames and zero space padding by the Conv's own pads, so neither copies the tensor;
 * only replicated borders in space need a Pad node.
 */
export function paddedConv3d(g: GraphBuilder, x: Value, o: PaddedConvOptions): Value {
  const [kt, kh, kw] = o.kernel;
  const tFront = o.time === 'edge-causal' ? kt - 1 : o.time === 'edge-symmetric' ? (kt - 1) >> 1 : 0;
  const tBack = o.time === 'edge-symmetric' ? (kt - 1) >> 1 : 0;
  const ph = kh >> 1;
  const pw = kw >> 1;
  let input = x;
  let convPads = [tFront, ph, pw, tBack, ph, pw];
  if (o.space === 'edge') {
    if (ph + pw > 0) input = pad(g, x, { pads: [0, 0, 0, ph, pw, 0, 0, 0, ph, pw], mode: 'edge' });
    convPads = [tFront, 0, 0, tBack, 0, 0];
  }
  return videoConv3d(g, input, { outChannels: o.outChannels, kernel: o.kernel, pads: convPads, timePadding: 'edge', groups: o.groups, name: o.name });
}

/** A 1x1x1 Conv3d (channel mixing, no padding). */
export function pointwiseConv3d(g: GraphBuilder, x: Value, outChannels: number, name?: string): Value {
  return conv(g, x, { outChannels, kernel: [1, 1, 1], name });
}

/**
 * The zoo's Conv3d, emitted the way onnxruntime's CPU kernels run it fastest: any kernel but 1x1x1
 * runs as 2-D convolutions over frames (frameConv3d: measured 1.2-1.4x on Turbo-VAED decoders, ~10x
 * on the depthwise 5x5x5 layers); a 1x1x1 kernel stays one Conv3d, which MLAS runs as one GEMM over
 * every voxel. The choice never depends on the frame size, so one graph serves every size
 * (`zoo build --dynamic-shape`), although dense convs on frames of 8x8 pixels or less measured
 * slower over frames (512 ch, 4x4: 29 -> 50 ms).
 */
export function videoConv3d(g: GraphBuilder, x: Value, o: FrameConvOptions): Value {
  return o.kernel.every((k) => k === 1) && !(o.pads ?? []).some((p) => p > 0) ? conv(g, x, o) : frameConv3d(g, x, o);
}
