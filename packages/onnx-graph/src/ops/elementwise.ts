import type { GraphBuilder, Value } from '../graph-builder';
import { broadcastShapes, normalizeAxis } from '../shape';

function binary(op: string, g: GraphBuilder, a: Value, b: Value): Value {
  return g.addNode(op, [a, b], [broadcastShapes(a.shape, b.shape)])[0];
}

/** a + b with broadcasting. */
export function add(g: GraphBuilder, a: Value, b: Value): Value {
  return binary('Add', g, a, b);
}

/** a - b with broadcasting. */
export function sub(g: GraphBuilder, a: Value, b: Value): Value {
  return binary('Sub', g, a, b);
}

/** a * b with broadcasting. */
export function mul(g: GraphBuilder, a: Value, b: Value): Value {
  return binary('Mul', g, a, b);
}

/** a / b with broadcasting. */
export function div(g: GraphBuilder, a: Value, b: Value): Value {
  return binary('Div', g, a, b);
}

/** One-input op with the input's shape (Relu, Sigmoid, Sqrt, ...). */
export function unary(g: GraphBuilder, op: string, x: Value): Value {
  return g.addNode(op, [x], [x.shape])[0];
}

/** ReLU. */
export function relu(g: GraphBuilder, x: Value): Value {
  return unary(g, 'Relu', x);
}

/** Sigmoid. */
export function sigmoid(g: GraphBuilder, x: Value): Value {
  return unary(g, 'Sigmoid', x);
}

/** SiLU (swish) as x * sigmoid(x): opset 17 has no SiLU op, and this is the pattern exporters emit. */
export function silu(g: GraphBuilder, x: Value): Value {
  return mul(g, x, sigmoid(g, x));
}

/** Softmax over one axis. */
export function softmax(g: GraphBuilder, x: Value, axis = -1): Value {
  return g.addNode('Softmax', [x], [x.shape], { attributes: { axis: normalizeAxis(axis, x.shape.length) } })[0];
}

/** MatMul with numpy batch broadcasting; MACs = batch x M x K x N. */
export function matmul(g: GraphBuilder, a: Value, b: Value): Value {
  if (a.shape.length < 2 || b.shape.length < 2) throw new RangeError('matmul: both operands need rank >= 2 (1-D operands are not supported here)');
  const [m, k] = a.shape.slice(-2);
  const [k2, n] = b.shape.slice(-2);
  if (k !== k2) throw new RangeError(`matmul: inner dimensions differ: [${a.shape.join(',')}] x [${b.shape.join(',')}]`);
  const batch = broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const macs = batch.reduce((x, y) => x * y, 1) * m * k * n;
  return g.addNode('MatMul', [a, b], [[...batch, m, n]], { macs })[0];
}

/** A PyTorch Linear on the last axis: MatMul by a [in, out] weight plus bias (Kaiming-uniform init, fan_in = in). */
export function linear(g: GraphBuilder, x: Value, outFeatures: number, options: { bias?: boolean; name?: string } = {}): Value {
  const inFeatures = x.shape[x.shape.length - 1];
  const prefix = options.name ?? 'linear';
  // [in, out] for MatMul: the transpose of PyTorch's nn.Linear weight, which a checkpoint loader must know
  const w = g.parameter(`${prefix}.weight`, [inFeatures, outFeatures], { kind: 'kaiming-uniform', fanIn: inFeatures }, { transposed: true });
  const y = matmul(g, x, w);
  if (options.bias === false) return y;
  return add(g, y, g.parameter(`${prefix}.bias`, [outFeatures], { kind: 'kaiming-uniform', fanIn: inFeatures }));
}
