import { type GraphBuilder, type Value } from '@evalkit/onnx-graph';

/**
 * Additive attention mask [L, L] (L = frames x tokensPerFrame) letting a token attend to every token
 * of its own and earlier frames: 0 where allowed, -inf elsewhere. The frame of each token is computed
 * in the graph (Range, integer Div) from two int64 sizes rather than stored, so the model file stays
 * small even when L x L is large, and a symbolic-size export can compute those sizes at run time.
 */
export function frameCausalMask(g: GraphBuilder, frames: number, tokensPerFrame: number): Value {
  const l = frames * tokensPerFrame;
  const scalar = (v: number) => g.addNode('Reshape', [g.constInt64([v]), g.constInt64([])], [[]], { namePrefix: 'mask.scalar', dtypes: ['int64'] })[0];
  const [positions] = g.addNode('Range', [scalar(0), scalar(l), scalar(1)], [[l]], { namePrefix: 'mask.positions', dtypes: ['int64'] });
  const [frameOf] = g.addNode('Div', [positions, g.constInt64([tokensPerFrame])], [[l]], { namePrefix: 'mask.frame_of', dtypes: ['int64'] });
  const [rows] = g.addNode('Reshape', [frameOf, g.constInt64([l, 1])], [[l, 1]], { namePrefix: 'mask.query_frame', dtypes: ['int64'] });
  const [cols] = g.addNode('Reshape', [frameOf, g.constInt64([1, l])], [[1, l]], { namePrefix: 'mask.key_frame', dtypes: ['int64'] });
  const [later] = g.addNode('Less', [rows, cols], [[l, l]], { dtypes: ['bool'] });
  return g.addNode('Where', [later, g.constFloat([-Infinity], []), g.constFloat([0], [])], [[l, l]], { dtypes: ['float32'] })[0];
}
