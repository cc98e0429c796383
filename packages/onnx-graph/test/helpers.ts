import { GraphBuilder, type Value } from '../src';
import { assertAllClose } from '@evalkit/test-harness';

/** Deterministic test data in [-1, 1) (the shared harness's). */
export { testData } from '@evalkit/test-harness';

/** Runs the builder's model in a real onnxruntime session and returns every output's data and dims. */
export async function runGraph(g: GraphBuilder, feeds: Record<string, Float32Array>): Promise<Record<string, { data: Float32Array; dims: number[] }>> {
  const ort = await import('onnxruntime-node');
  const session = await ort.InferenceSession.create(g.toBytes(), { logSeverityLevel: 3, intraOpNumThreads: 1 });
  const tensors: Record<string, InstanceType<typeof ort.Tensor>> = {};
  for (const input of g.inputs) tensors[input.name] = new ort.Tensor('float32', feeds[input.name], [...input.shape]);
  const result = await session.run(tensors);
  await session.release();
  const out: Record<string, { data: Float32Array; dims: number[] }> = {};
  for (const [name, t] of Object.entries(result)) out[name] = { data: t.data as Float32Array, dims: [...t.dims] };
  return out;
}

/** The float data of an initializer (for references that need the seeded weights). */
export function weightData(g: GraphBuilder, v: Value): Float32Array {
  const init = g.initializers.find((i) => i.name === v.name);
  if (!init || !(init.data instanceof Float32Array)) throw new Error(`no float initializer ${v.name}`);
  return init.data;
}

/** Asserts element-wise closeness (the shared harness: NaN, a length mismatch or an empty reference fails). */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: { atol: number; rtol: number }): void {
  assertAllClose(actual, expected, tol, 'element');
}

/** Row-major strides of a shape. */
export function strides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) s[i] = s[i + 1] * shape[i + 1];
  return s;
}

/** Iterates over every multi-index of a shape. */
export function* indices(shape: readonly number[]): Generator<number[]> {
  const idx = new Array<number>(shape.length).fill(0);
  const total = shape.reduce((a, b) => a * b, 1);
  for (let n = 0; n < total; n++) {
    yield idx.slice();
    for (let a = shape.length - 1; a >= 0; a--) {
      if (++idx[a] < shape[a]) break;
      idx[a] = 0;
    }
  }
}
