import type { GraphBuilder } from '@evalkit/onnx-graph';

/** Deterministic test data in [-1, 1) (the shared harness's). */
export { testData } from '@evalkit/test-harness';

/** Runs a model in a real onnxruntime session (optimisation level 'all' unless given); returns each output's data and dims. */
export async function runModel(
  model: GraphBuilder | Uint8Array,
  feeds: Record<string, { data: Float32Array; dims: readonly number[] }>,
  graphOptimizationLevel: 'basic' | 'extended' | 'all' = 'all',
) {
  const ort = await import('onnxruntime-node');
  const bytes = model instanceof Uint8Array ? model : model.toBytes();
  const session = await ort.InferenceSession.create(bytes, { logSeverityLevel: 3, graphOptimizationLevel });
  const tensors: Record<string, InstanceType<typeof ort.Tensor>> = {};
  for (const [name, f] of Object.entries(feeds)) tensors[name] = new ort.Tensor('float32', f.data, [...f.dims]);
  const result = await session.run(tensors);
  await session.release();
  const out: Record<string, { data: Float32Array; dims: number[] }> = {};
  for (const [name, t] of Object.entries(result)) out[name] = { data: t.data as Float32Array, dims: [...t.dims] };
  return out;
}

/** Reads a little-endian float32 C-order .npy file (what tools/reference-decoders writes). */
export function readNpyF32(file: string): { data: Float32Array; shape: number[] } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bytes: Buffer = require('node:fs').readFileSync(file);
  const headerLength = bytes.readUInt16LE(8);
  const header = bytes.subarray(10, 10 + headerLength).toString('latin1');
  if (!header.includes("'descr': '<f4'") || header.includes("'fortran_order': True")) throw new Error(`${file}: expected a C-order <f4 array, header ${header}`);
  const shape = (/'shape': \(([^)]*)\)/.exec(header)?.[1] ?? '').split(',').filter((s) => s.trim() !== '').map(Number);
  const start = 10 + headerLength;
  const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + bytes.length));
  return { data, shape };
}

/** Largest absolute difference of two equally long arrays (NaN when either holds a NaN). */
export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= m)) m = Number.isNaN(d) ? NaN : d;
    if (Number.isNaN(m)) return NaN;
  }
  return m;
}
