import type { GraphBuilder } from '@evalkit/onnx-graph';

/** Deterministic test data in [-1, 1). */
export function testData(n: number, seed = 1): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/** Runs a model in a real onnxruntime session; returns each output's data and dims. */
export async function runModel(model: GraphBuilder | Uint8Array, feeds: Record<string, { data: Float32Array; dims: readonly number[] }>) {
  const ort = await import('onnxruntime-node');
  const bytes = model instanceof Uint8Array ? model : model.toBytes();
  const session = await ort.InferenceSession.create(bytes, { logSeverityLevel: 3 });
  const tensors: Record<string, InstanceType<typeof ort.Tensor>> = {};
  for (const [name, f] of Object.entries(feeds)) tensors[name] = new ort.Tensor('float32', f.data, [...f.dims]);
  const result = await session.run(tensors);
  await session.release();
  const out: Record<string, { data: Float32Array; dims: number[] }> = {};
  for (const [name, t] of Object.entries(result)) out[name] = { data: t.data as Float32Array, dims: [...t.dims] };
  return out;
}
