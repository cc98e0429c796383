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
 * Dense convs on frames of at most this many pixels stay one Conv3d (with a Pad for replicated time
 * edges): there MLAS's vol2col + GEMM beats the blocked 2-D kernels over frames, whose input reorder
 * and per-frame overhead dominate tiny frames (512 ch, 4x4 frames: 29 ms as Conv3d, 50 ms over frames).
 * Whole LTX-Video 0.9.0 at 17x64x64, 2 threads, one interleaved run on the idle 2-core dev VM: this
 * rule 1.11x [1.06, 1.19] faster than every conv over frames, and a limit of 256 pixels no faster than none.
 */
const SMALL_FRAME_PIXELS = 64;

/**
 * The zoo's Conv3d, emitted the way onnxruntime's CPU kernels run it fastest: a 1x1x1 kernel stays
 * one Conv3d, which MLAS runs as one GEMM over every voxel; a dense kernel on frames of at most
 * SMALL_FRAME_PIXELS stays a Conv3d; any other runs as 2-D convolutions over frames (frameConv3d:
 * measured 1.2-1.4x on Turbo-VAED decoders, ~10x on the depthwise 5x5x5 layers). A graph built
 * size-independent (`zoo build --dynamic-shape`) never picks by the frame size: every conv but
 * 1x1x1 goes over frames there, so one graph serves every size.
 */
export function videoConv3d(g: GraphBuilder, x: Value, o: FrameConvOptions): Value {
  const p = o.pads ?? [0, 0, 0, 0, 0, 0];
  if (o.kernel.every((k) => k === 1) && !p.some((v) => v > 0)) return conv(g, x, o);
  if (!g.sizeIndependent && (o.groups ?? 1) === 1 && x.shape[3] * x.shape[4] <= SMALL_FRAME_PIXELS) {
    if (o.timePadding !== 'edge' || p[0] + p[3] === 0) return conv(g, x, o);
    const edged = pad(g, x, { pads: [0, 0, p[0], 0, 0, 0, 0, p[3], 0, 0], mode: 'edge' });
    return conv(g, edged, { ...o, pads: [0, p[1], p[2], 0, p[4], p[5]] });
  }
  return frameConv3d(g, x, o);
}
