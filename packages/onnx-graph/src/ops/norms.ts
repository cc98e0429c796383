import type { GraphBuilder, Value } from '../graph-builder';
import { add, div, mul, sub, unary } from './elementwise';
import { reshape } from './layout';

function reduceMeanChannels(g: GraphBuilder, x: Value): Value {
  const out = [...x.shape];
  out[1] = 1;
  return g.addNode('ReduceMean', [x], [out], { attributes: { axes: [1], keepdims: 1 } })[0];
}

/** Shape [1, C, 1, ...] of a per-channel parameter for an NC... tensor. */
function channelShape(x: Value): number[] {
  return x.shape.map((d, i) => (i === 1 ? d : 1));
}

/** Options of the channel norms. */
export interface ChannelNormOptions {
  /** Epsilon added to the mean square / variance. */
  eps: number;
  /** Learnable per-channel scale (and shift for LayerNorm). */
  affine?: boolean;
  /** Name prefix of the parameters. */
  name?: string;
}

/**
 * RMSNorm over the channel axis (axis 1) of an NC... tensor: x / sqrt(mean_c(x^2) + eps), optionally
 * times a per-channel weight. Equals PyTorch's RMSNorm applied with channels moved last, without the Transposes.
 */
export function rmsNormChannels(g: GraphBuilder, x: Value, o: ChannelNormOptions): Value {
  const meanSquare = reduceMeanChannels(g, mul(g, x, x));
  const rms = unary(g, 'Sqrt', add(g, meanSquare, g.constFloat([o.eps], [])));
  let y = div(g, x, rms);
  if (o.affine) y = mul(g, y, g.parameter(`${o.name ?? 'rms_norm'}.weight`, channelShape(x), { kind: 'constant', value: 1 }));
  return y;
}

/**
 * LayerNorm over the channel axis (axis 1) of an NC... tensor (biased variance, as PyTorch), with a
 * per-channel weight and bias when affine (default true).
 */
export function layerNormChannels(g: GraphBuilder, x: Value, o: ChannelNormOptions): Value {
  const centred = sub(g, x, reduceMeanChannels(g, x));
  const variance = reduceMeanChannels(g, mul(g, centred, centred));
  let y = div(g, centred, unary(g, 'Sqrt', add(g, variance, g.constFloat([o.eps], []))));
  if (o.affine ?? true) {
    const prefix = o.name ?? 'layer_norm';
    y = mul(g, y, g.parameter(`${prefix}.weight`, channelShape(x), { kind: 'constant', value: 1 }));
    y = add(g, y, g.parameter(`${prefix}.bias`, channelShape(x), { kind: 'constant', value: 0 }));
  }
  return y;
}

/** Options of GroupNorm. */
export interface GroupNormOptions extends ChannelNormOptions {
  /** Number of groups (must divide the channels). */
  groups: number;
}

/**
 * GroupNorm of an NC... tensor as PyTorch exports it for opset < 18: Reshape to [N, G, -1],
 * InstanceNormalization (one fast kernel in onnxruntime), Reshape back, then the per-channel affine.
 * Parameters: weight and bias of C each (the instance-norm scale/bias are fixed constants).
 */
export function groupNorm(g: GraphBuilder, x: Value, o: GroupNormOptions): Value {
  const [n, c] = x.shape;
  if (c % o.groups !== 0) throw new RangeError(`groupNorm: ${c} channels not divisible by ${o.groups} groups`);
  const grouped = reshape(g, x, [n, o.groups, -1]);
  const ones = g.constFloat(new Float32Array(o.groups).fill(1), [o.groups]);
  const zeros = g.constFloat(new Float32Array(o.groups), [o.groups]);
  const normed = g.addNode('InstanceNormalization', [grouped, ones, zeros], [grouped.shape], { attributes: { epsilon: { float: o.eps } } })[0];
  let y = reshape(g, normed, [...x.shape]);
  if (o.affine ?? true) {
    const prefix = o.name ?? 'group_norm';
    y = mul(g, y, g.parameter(`${prefix}.weight`, channelShape(x), { kind: 'constant', value: 1 }));
    y = add(g, y, g.parameter(`${prefix}.bias`, channelShape(x), { kind: 'constant', value: 0 }));
  }
  return y;
}
