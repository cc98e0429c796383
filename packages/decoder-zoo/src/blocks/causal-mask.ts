import { type GraphBuilder, type Value } from '@evalkit/onnx-graph';

/**
 * Additive attention mask [L, L] (L = frames x tokensPerFrame) letting a token attend to every token
 * of its own and earlier frames: 0 where allowed, -inf elsewhere. Built in the graph from one [L]
 * frame-index vector, so the model file stays small even when L x L is large.
 */
export function frameCausalMask(g: GraphBuilder, frames: number, tokensPerFrame: number): Value {
  const l = frames * tokensPerFrame;
  const frameOf = Float32Array.from({ length: l }, (_, i) => Math.floor(i / tokensPerFrame));
  const rows = g.floatTensor('mask.query_frame', [l, 1], frameOf);
  const cols = g.floatTensor('mask.key_frame', [1, l], frameOf);
  const [later] = g.addNode('Less', [rows, cols], [[l, l]], { dtypes: ['bool'] });
  return g.addNode('Where', [later, g.constFloat([-Infinity], []), g.constFloat([0], [])], [[l, l]], { dtypes: ['float32'] })[0];
}
