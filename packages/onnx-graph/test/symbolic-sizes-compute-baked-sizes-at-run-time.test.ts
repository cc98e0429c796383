import { GraphBuilder, conv, planSymbolicSizes, reshape, slice } from '../src';
import { withSymbolicSizes } from '../src/io/symbolic-sizes';
import { testData } from './helpers';

/**
 * A graph that bakes sizes the way the zoo's do: tokens [1, C, T*h*w] (a merge), back to
 * [1, C, T, h, w] (a split), then frames 1.. (a Slice end at T).
 */
function build(t: number, h: number, w: number, materializeWeights = true): GraphBuilder {
  const g = new GraphBuilder({ seed: 2, materializeWeights });
  const x = g.input('latent', [1, 4, t, h, w]);
  const y = conv(g, x, { outChannels: 4, kernel: [1, 1, 1] });
  const tokens = reshape(g, y, [1, 4, t * h * w]);
  const back = reshape(g, tokens, [1, 4, t, h, w]);
  g.output(slice(g, back, { starts: [1], ends: [t], axes: [2] }), 'video');
  return g;
}

async function run(bytes: Uint8Array, shape: number[]): Promise<{ data: Float32Array; dims: number[] }> {
  const ort = await import('onnxruntime-node');
  const session = await ort.InferenceSession.create(bytes, { logSeverityLevel: 3, intraOpNumThreads: 1 });
  const data = testData(shape.reduce((a, b) => a * b, 1), 4);
  const out = (await session.run({ latent: new ort.Tensor('float32', data, shape) })).video;
  await session.release();
  return { data: out.data as Float32Array, dims: [...out.dims] };
}

describe('symbolic sizes', () => {
  const dims = { inputDims: { 2: 'T', 3: 'h', 4: 'w' }, outputDims: { 2: 'F', 3: 'H', 4: 'W' } };
  const templates = [build(3, 3, 4, false), build(4, 5, 3, false), build(5, 4, 6, false)];

  it('finds each baked size as a multiple of the input dims: T*h*w, then T, h, w, then the Slice end T', () => {
    const plan = planSymbolicSizes(build(2, 2, 3), templates, dims);
    const elements = [...plan.replacements.values()].flatMap((m) => [...m.values()]);
    expect(elements).toEqual([
      [{ kind: 'const', value: 1 }, { kind: 'const', value: 4 }, { kind: 'expr', dims: [2, 3, 4], a: 1, b: 0 }],
      [{ kind: 'const', value: 1 }, { kind: 'const', value: 4 }, { kind: 'expr', dims: [2], a: 1, b: 0 }, { kind: 'expr', dims: [3], a: 1, b: 0 }, { kind: 'expr', dims: [4], a: 1, b: 0 }],
      [{ kind: 'expr', dims: [2], a: 1, b: 0 }],
    ]);
  });

  it('runs at sizes it was not built at, equal to the graphs built there', async () => {
    const bytes = withSymbolicSizes(build(2, 2, 3), templates, dims);
    for (const [t, h, w] of [[2, 2, 3], [6, 7, 1]]) {
      const got = await run(bytes, [1, 4, t, h, w]);
      const want = await run(build(t, h, w).toBytes(), [1, 4, t, h, w]);
      expect(got.dims).toEqual([1, 4, t - 1, h, w]);
      expect(Array.from(got.data)).toEqual(Array.from(want.data));
    }
  });

  it('refuses a graph with a float constant that depends on the size, and too few templates', () => {
    const masked = (t: number) => {
      const g = new GraphBuilder();
      const x = g.input('latent', [1, 1, t, 1, 1]);
      g.output(g.addNode('Add', [x, g.floatTensor('ramp', [1, 1, t, 1, 1], Float32Array.from({ length: t }, (_, i) => i))], [[1, 1, t, 1, 1]])[0]);
      return g;
    };
    expect(() => planSymbolicSizes(masked(2), [masked(3), masked(4), masked(5)], dims)).toThrow(/field "node add_0 \(Add\) input 1", value "ramp_0": cannot make this graph's sizes symbolic: a constant tensor depends on the latent size/);
    expect(() => planSymbolicSizes(build(2, 2, 3), templates.slice(0, 2), dims)).toThrow(/at least three templates/);
  });
});
