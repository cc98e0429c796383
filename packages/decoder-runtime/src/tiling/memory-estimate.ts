import type { GraphBuilder } from '@evalkit/onnx-graph';

/** Peak activation memory of a graph run in node order, freeing each tensor after its last use. */
export interface ActivationProfile {
  /** Peak bytes of live activations (float32) at the size the graph was built at. */
  peakBytes: number;
  /** Output voxels (frames × height × width) of the graph's first output at that size. */
  outputVoxels: number;
  /** peakBytes / outputVoxels: activations scale linearly with the decoded volume. */
  bytesPerOutputVoxel: number;
  /** Bytes of the initializers (weights). */
  weightBytes: number;
}

/**
 * Estimates the activation memory of a built graph by liveness: walk the nodes in order, allocate
 * each output, free every activation after its last consumer. onnxruntime's memory planner reuses
 * buffers the same way, so this tracks the dominant term of a decoder's peak memory.
 */
export function activationProfile(graph: GraphBuilder): ActivationProfile {
  const size = new Map<string, number>();
  const bytesOf = (shape: readonly number[], dtype: string) => shape.reduce((a, b) => a * b, 1) * (dtype === 'bool' ? 1 : dtype === 'int64' ? 8 : 4);
  const weights = new Set(graph.initializers.map((i) => i.name));
  const weightBytes = graph.initializers.reduce((s, i) => s + bytesOf(i.shape, i.dtype), 0);
  for (const v of graph.inputs) size.set(v.name, bytesOf(v.shape, v.dtype));
  const lastUse = new Map<string, number>();
  graph.nodes.forEach((n, i) => n.inputs.forEach((name) => lastUse.set(name, i)));
  const outputs = new Set(graph.outputs.map((o) => o.name));
  let live = graph.inputs.reduce((s, v) => s + bytesOf(v.shape, v.dtype), 0);
  let peak = live;
  graph.nodes.forEach((node, i) => {
    // A node of weights only (a weight reordered for a 2-D conv) is folded into a constant by onnxruntime at session creation.
    if (node.inputs.every((name) => name === '' || weights.has(name))) {
      for (const o of node.outputs) weights.add(o.name);
      return;
    }
    for (const o of node.outputs) {
      const b = bytesOf(o.shape, o.dtype);
      size.set(o.name, b);
      live += b;
    }
    peak = Math.max(peak, live);
    for (const name of new Set([...node.inputs, ...node.outputs.map((o) => o.name)])) {
      if (weights.has(name) || outputs.has(name) || !size.has(name)) continue;
      if ((lastUse.get(name) ?? -1) <= i) {
        live -= size.get(name)!;
        size.delete(name);
      }
    }
  });
  const out = graph.outputs[0].shape;
  const outputVoxels = out.slice(2).reduce((a, b) => a * b, 1);
  return { peakBytes: peak, outputVoxels, bytesPerOutputVoxel: peak / outputVoxels, weightBytes };
}
