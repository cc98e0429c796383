import { depthToSpace, reshape, slice, transpose, type GraphBuilder, type Value } from '@evalkit/onnx-graph';

/** Strides of a 3-D pixel shuffle: time, height, width. */
export type ShuffleStride = readonly [number, number, number];

/**
 * Turbo-VAED's decoupled 3-D pixel shuffle of a conv output [B, C*st*sh*sw, T, H, W] whose channel
 * layout is c*(sh*sw*st) + h*(sw*st) + w*st + t:
 * 1. temporal: reshape [B, C*sh*sw, st, T, H, W], swap the st and T axes, merge to st*T frames;
 * 2. spatial: an ordinary per-frame 2-D pixel shuffle (DepthToSpace CRD) with block sh (= sw);
 * then drops the first `dropFrames` frames. Output [B, C, st*T - dropFrames, sh*H, sw*W].
 */
export function decoupledPixelShuffle3d(g: GraphBuilder, x: Value, stride: ShuffleStride, dropFrames: number): Value {
  const [b, cs, t, h, w] = x.shape;
  const [st, sh, sw] = stride;
  if (sh !== sw) throw new RangeError(`decoupledPixelShuffle3d: DepthToSpace needs equal height and width strides, got ${sh}, ${sw}`);
  const c = cs / (st * sh * sw);
  let y = x;
  if (st > 1) y = reshape(g, transpose(g, reshape(g, y, [b, c * sh * sw, st, t, h, w]), [0, 1, 3, 2, 4, 5]), [b, c * sh * sw, st * t, h, w]);
  const frames = st * t;
  // per frame: [B, T', C*sh*sw, H, W] -> [B*T', ...] -> DepthToSpace -> back to [B, C, T', sh*H, sw*W]
  const perFrame = reshape(g, transpose(g, y, [0, 2, 1, 3, 4]), [b * frames, c * sh * sw, h, w]);
  const shuffled = depthToSpace(g, perFrame, { blockSize: sh, mode: 'CRD' });
  y = transpose(g, reshape(g, shuffled, [b, frames, c, h * sh, w * sw]), [0, 2, 1, 3, 4]);
  return dropFrames > 0 ? slice(g, y, { starts: [dropFrames], ends: [frames], axes: [2] }) : y;
}

/**
 * LTX-Video's rank-8 shuffle of a conv output [B, C*st*sh*sw, T, H, W] with channel layout
 * c*(st*sh*sw) + t*(sh*sw) + h*sw + w: reshape [B, C, st, sh, sw, T, H, W], permute
 * (0,1,5,2,6,3,7,4), merge; then drops the first `dropFrames` frames.
 */
export function rank8PixelShuffle3d(g: GraphBuilder, x: Value, stride: ShuffleStride, dropFrames: number): Value {
  const [b, cs, t, h, w] = x.shape;
  const [st, sh, sw] = stride;
  const c = cs / (st * sh * sw);
  const y = reshape(g, transpose(g, reshape(g, x, [b, c, st, sh, sw, t, h, w]), [0, 1, 5, 2, 6, 3, 7, 4]), [b, c, t * st, h * sh, w * sw]);
  return dropFrames > 0 ? slice(g, y, { starts: [dropFrames], ends: [t * st], axes: [2] }) : y;
}

/** Per-frame 2-D pixel shuffle (PyTorch PixelShuffle, CRD layout) of [B, C*r*r, T, H, W], done as one rank-7 Transpose. */
export function framePixelShuffle(g: GraphBuilder, x: Value, r: number): Value {
  const [b, cs, t, h, w] = x.shape;
  const c = cs / (r * r);
  return reshape(g, transpose(g, reshape(g, x, [b, c, r, r, t, h, w]), [0, 1, 4, 5, 2, 6, 3]), [b, c, t, h * r, w * r]);
}

/**
 * Where channel `ch` of a rank-8 (LTX) layout sits in the decoupled layout, for strides (st, sh, sw):
 * LTX uses c*(st*sh*sw) + t*(sh*sw) + hh*sw + ww, the decoupled shuffle c*(st*sh*sw) + hh*(sw*st) + ww*st + t.
 * Permuting conv output channels by this map makes the two upsamplers compute the same function.
 */
export function rank8ToDecoupledChannel(ch: number, stride: ShuffleStride): number {
  const [st, sh, sw] = stride;
  const block = st * sh * sw;
  const c = Math.floor(ch / block);
  const r = ch % block;
  const t = Math.floor(r / (sh * sw));
  const hh = Math.floor((r % (sh * sw)) / sw);
  const ww = r % sw;
  return c * block + hh * (sw * st) + ww * st + t;
}
