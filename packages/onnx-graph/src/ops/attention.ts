import type { GraphBuilder, Value } from '../graph-builder';
import { add, linear, matmul, mul, softmax } from './elementwise';
import { reshape, transpose } from './layout';

/** Options of self-attention. */
export interface AttentionOptions {
  /** Number of heads (must divide the channels). Default 1. */
  heads?: number;
  /** Additive mask broadcastable to [N, heads, L, L] (0 keeps, -inf or a large negative drops). */
  mask?: Value;
  /** Whether q/k/v/out projections have biases. Default true. */
  bias?: boolean;
  /** Name prefix of the projections. */
  name?: string;
  /** Name of the output projection under the prefix. Default "to_out" (diffusers' Attention uses "to_out.0"). */
  outName?: string;
}

/**
 * Multi-head scaled dot-product self-attention on tokens [N, L, C] with q/k/v/out Linear
 * projections: softmax(q kᵀ / sqrt(d) + mask) v. Returns [N, L, C] (no residual, no norm).
 */
export function selfAttention(g: GraphBuilder, x: Value, o: AttentionOptions = {}): Value {
  const [n, l, c] = x.shape;
  const heads = o.heads ?? 1;
  if (x.shape.length !== 3 || c % heads !== 0) throw new RangeError(`selfAttention: tokens [${x.shape.join(',')}] need rank 3 and channels divisible by ${heads} heads`);
  const d = c / heads;
  const prefix = o.name ?? 'attn';
  const project = (which: string) => linear(g, x, c, { bias: o.bias, name: `${prefix}.to_${which}` });
  const split = (v: Value) => (heads === 1 ? reshape(g, v, [n, 1, l, d]) : transpose(g, reshape(g, v, [n, l, heads, d]), [0, 2, 1, 3]));
  const q = split(project('q'));
  const k = split(project('k'));
  const v = split(project('v'));
  // Scaling q (L x d) rather than the scores (L x L) saves work on long sequences.
  const qScaled = mul(g, q, g.constFloat([1 / Math.sqrt(d)], []));
  const kT = transpose(g, k, [0, 1, 3, 2]);
  let scores = matmul(g, qScaled, kT);
  if (o.mask) scores = add(g, scores, o.mask);
  const attended = matmul(g, softmax(g, scores, -1), v);
  const merged = heads === 1 ? reshape(g, attended, [n, l, c]) : reshape(g, transpose(g, attended, [0, 2, 1, 3]), [n, l, c]);
  return linear(g, merged, c, { bias: o.bias, name: `${prefix}.${o.outName ?? 'to_out'}` });
}
