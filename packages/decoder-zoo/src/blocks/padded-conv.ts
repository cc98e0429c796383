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

// Smallest frame (H x W pixels) at which a dense conv runs faster over frames: measured one thread,
// 2-core Zen 4, onnxruntime 1.30: 128 ch 16x16 frames 74 -> 65 ms, 256 ch 16x16 1.3x faster; 256 ch
// 8x8 frames 47 -> 51 ms and 512 ch 4x4 29 -> 50 ms slower (MLAS's NCHWc kernels want wide rows).
const FRAME_CONV_MIN_PIXELS = 256;

/**
 * The zoo's Conv3d, emitted the way onnxruntime's CPU kernels run it fastest: a depthwise/grouped
 * kernel, or a dense one on frames of at least FRAME_CONV_MIN_PIXELS, runs as 2-D convolutions over
 * frames (frameConv3d, ~10x for depthwise 5x5x5); a dense conv on small frames and a 1x1x1 kernel stay
 * one Conv3d (vol2col + GEMM batches every voxel), with edge time padding then done by a Pad node.
 */
export function videoConv3d(g: GraphBuilder, x: Value, o: FrameConvOptions): Value {
  const pads = o.pads ?? [0, 0, 0, 0, 0, 0];
  const pointwise = o.kernel.every((k) => k === 1) && !pads.some((p) => p > 0);
  const smallFrames = (o.groups ?? 1) === 1 && x.shape[3] * x.shape[4] < FRAME_CONV_MIN_PIXELS;
  if (!pointwise && !smallFrames) return frameConv3d(g, x, o);
  if (o.timePadding !== 'edge' || pads[0] + pads[3] === 0) return conv(g, x, o);
  const input = pad(g, x, { pads: [0, 0, pads[0], 0, 0, 0, 0, pads[3], 0, 0], mode: 'edge' });
  return conv(g, input, { ...o, pads: [0, pads[1], pads[2], 0, pads[4], pads[5]] });
}
