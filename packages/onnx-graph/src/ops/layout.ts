import type { GraphBuilder, Value } from '../graph-builder';
import { normalizeAxis, numel } from '../shape';

/** Reshape to `shape`; 0 copies the input dimension and one -1 is inferred (as in ONNX, allowzero 0). */
export function reshape(g: GraphBuilder, x: Value, shape: readonly number[]): Value {
  const resolved = shape.map((d, i) => (d === 0 ? x.shape[i] : d));
  const known = resolved.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  if (resolved.filter((d) => d === -1).length > 1) throw new RangeError(`reshape: at most one -1 in [${shape.join(',')}]`);
  const total = numel(x.shape);
  const out = resolved.map((d) => (d === -1 ? total / known : d));
  if (numel(out) !== total || !out.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new RangeError(`reshape: cannot reshape [${x.shape.join(',')}] to [${shape.join(',')}]`);
  }
  return g.addNode('Reshape', [x, g.constInt64(shape)], [out])[0];
}

/** Transpose with an explicit permutation (every axis non-negative, so onnxruntime accepts it). */
export function transpose(g: GraphBuilder, x: Value, perm: readonly number[]): Value {
  if (perm.length !== x.shape.length || [...perm].sort((a, b) => a - b).some((p, i) => p !== i)) {
    throw new RangeError(`transpose: perm [${perm.join(',')}] is not a permutation of rank ${x.shape.length}`);
  }
  return g.addNode('Transpose', [x], [perm.map((p) => x.shape[p])], { attributes: { perm: [...perm] } })[0];
}

/** Options of Slice. */
export interface SliceOptions {
  /** Start per axis (negative counts from the end). */
  starts: readonly number[];
  /** End (exclusive) per axis; clamped to the dimension. */
  ends: readonly number[];
  /** Axes. Default 0..n-1. */
  axes?: readonly number[];
  /** Steps (positive). Default 1. */
  steps?: readonly number[];
}

/** Slice along some axes (positive steps only). */
export function slice(g: GraphBuilder, x: Value, o: SliceOptions): Value {
  const axes = (o.axes ?? o.starts.map((_, i) => i)).map((a) => normalizeAxis(a, x.shape.length));
  const steps = o.steps ?? o.starts.map(() => 1);
  const out = [...x.shape];
  axes.forEach((axis, i) => {
    const dim = x.shape[axis];
    if (!(steps[i] > 0)) throw new RangeError(`slice: only positive steps are supported, got ${steps[i]}`);
    const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + dim : v, 0), dim);
    const start = clamp(o.starts[i]);
    const end = clamp(o.ends[i]);
    out[axis] = Math.max(0, Math.ceil((end - start) / steps[i]));
  });
  const inputs = [x, g.constInt64(o.starts), g.constInt64(o.ends), g.constInt64(axes), g.constInt64(steps)];
  return g.addNode('Slice', inputs, [out])[0];
}

/** Options of Pad. */
export interface PadOptions {
  /** ONNX pads: all begins then all ends, one per axis of the input. */
  pads: readonly number[];
  /** "constant" (with value), "edge" (repeat the border element) or "reflect". Default "constant". */
  mode?: 'constant' | 'edge' | 'reflect';
  /** Fill value for constant mode. Default 0. */
  value?: number;
}

/** Pad (constant, edge or reflect) over all axes. */
export function pad(g: GraphBuilder, x: Value, o: PadOptions): Value {
  const rank = x.shape.length;
  if (o.pads.length !== 2 * rank) throw new RangeError(`pad: ${o.pads.length} pads for rank ${rank} (need ${2 * rank})`);
  const out = x.shape.map((d, i) => d + o.pads[i] + o.pads[i + rank]);
  const mode = o.mode ?? 'constant';
  const inputs: Value[] = [x, g.constInt64(o.pads)];
  if (mode === 'constant' && (o.value ?? 0) !== 0) inputs.push(g.constFloat([o.value ?? 0], []));
  return g.addNode('Pad', inputs, [out], { attributes: { mode } })[0];
}

/** Concat along an axis. */
export function concat(g: GraphBuilder, xs: readonly Value[], axis: number): Value {
  if (xs.length === 0) throw new RangeError('concat: needs at least one input');
  const rank = xs[0].shape.length;
  const a = normalizeAxis(axis, rank);
  const out = [...xs[0].shape];
  out[a] = 0;
  for (const x of xs) {
    if (x.shape.length !== rank || x.shape.some((d, i) => i !== a && d !== xs[0].shape[i])) {
      throw new RangeError(`concat: shapes [${xs.map((v) => v.shape.join(',')).join('] [')}] differ outside axis ${axis}`);
    }
    out[a] += x.shape[a];
  }
  return g.addNode('Concat', xs, [out], { attributes: { axis: a } })[0];
}

/** Options of DepthToSpace. */
export interface DepthToSpaceOptions {
  /** Block size. */
  blockSize: number;
  /** "CRD" (PyTorch PixelShuffle: channel = c*b*b + h*b + w) or "DCR" (channel = (h*b + w)*C + c). */
  mode: 'CRD' | 'DCR';
}

/** DepthToSpace on a 4-D NCHW tensor. */
export function depthToSpace(g: GraphBuilder, x: Value, o: DepthToSpaceOptions): Value {
  const [n, c, h, w] = x.shape;
  const b = o.blockSize;
  if (x.shape.length !== 4 || c % (b * b) !== 0) throw new RangeError(`depthToSpace: input [${x.shape.join(',')}] needs rank 4 and channels divisible by ${b * b}`);
  return g.addNode('DepthToSpace', [x], [[n, c / (b * b), h * b, w * b]], { attributes: { blocksize: b, mode: o.mode } })[0];
}

/** Options of Resize. */
export interface ResizeOptions {
  /** Scale per axis (1 for N and C), e.g. [1, 1, 2, 2, 2]. Output size = floor(input x scale). */
  scales: readonly number[];
  /** "nearest" or "linear" (bilinear/trilinear). */
  mode: 'nearest' | 'linear';
  /** Default "asymmetric" for nearest (PyTorch's interpolate nearest) and "half_pixel" for linear (align_corners=False). */
  coordinateTransformationMode?: 'asymmetric' | 'half_pixel' | 'pytorch_half_pixel' | 'align_corners';
  /** Nearest rounding. Default "floor" (PyTorch's nearest). */
  nearestMode?: 'floor' | 'round_prefer_floor' | 'round_prefer_ceil' | 'ceil';
}

/** Resize with scales on a 4-D or 5-D tensor. */
export function resize(g: GraphBuilder, x: Value, o: ResizeOptions): Value {
  if (o.scales.length !== x.shape.length) throw new RangeError(`resize: ${o.scales.length} scales for rank ${x.shape.length}`);
  const out = x.shape.map((d, i) => Math.floor(d * o.scales[i]));
  const attributes: Record<string, string> = {
    mode: o.mode,
    coordinate_transformation_mode: o.coordinateTransformationMode ?? (o.mode === 'nearest' ? 'asymmetric' : 'half_pixel'),
  };
  if (o.mode === 'nearest') attributes.nearest_mode = o.nearestMode ?? 'floor';
  return g.addNode('Resize', [x, null, g.constFloat([...o.scales], [o.scales.length])], [out], { attributes })[0];
}
