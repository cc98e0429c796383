import { onnx } from 'onnx-proto';
import { GraphBuilder, conv, inspectOnnx, reshape, resize } from '../src';

describe('inspectOnnx', () => {
  it('reads inputs, outputs with symbolic dims and counts only floating-point initializers as parameters', () => {
    const g = new GraphBuilder();
    const x = g.input('latent', [1, 16, 2, 4, 4], 'float32', { dimNames: [undefined, undefined, 'T', 'h', 'w'] });
    const y = conv(g, x, { outChannels: 3, kernel: [1, 1, 1] });
    // Reshape stores its target as an int64 initializer: a constant, not a parameter.
    const r = reshape(g, y, [1, 3, 2, 4, 4]);
    // Resize keeps its scales in a float initializer: a setting, not a parameter.
    const z = resize(g, r, { mode: 'nearest', scales: [1, 1, 1, 2, 2] });
    g.output(z, 'video', { dimNames: [undefined, undefined, 'F', 'H', 'W'] });
    const s = inspectOnnx(g.toBytes(), 'tiny.onnx');
    expect(s.inputs).toEqual([{ name: 'latent', type: 'float32', shape: [1, 16, 'T', 'h', 'w'], hasShape: true }]);
    expect(s.outputs).toEqual([{ name: 'video', type: 'float32', shape: [1, 3, 'F', 'H', 'W'], hasShape: true }]);
    // Conv 16->3, 1x1x1 with bias: 16*3 + 3 = 51 (hand-derived); the int64 reshape target and the float Resize scales are left out.
    expect(s.params).toBe(51);
    expect(s.initializers).toBe(4);
    expect(s.opsets['']).toBe(17);
  });

  it('leaves out initializers that an older file also lists as graph inputs', () => {
    // IR 3 files (and some exporters) list every initializer among the graph inputs.
    const weight = onnx.TensorProto.create({ name: 'w', dims: [2, 3], dataType: 10, rawData: new Uint8Array(12) });
    const info = (name: string, elemType: number, dims: number[]) => onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType, shape: { dim: dims.map((d) => ({ dimValue: d })) } } } });
    const model = onnx.ModelProto.create({
      irVersion: 3,
      opsetImport: [{ domain: '', version: 9 }],
      graph: { name: 'g', node: [onnx.NodeProto.create({ opType: 'MatMul', input: ['x', 'w'], output: ['y'] })], initializer: [weight], input: [info('x', 10, [4, 2]), info('w', 10, [2, 3])], output: [info('y', 10, [4, 3])] },
    });
    const s = inspectOnnx(onnx.ModelProto.encode(model).finish(), 'old.onnx');
    expect(s.inputs.map((i) => [i.name, i.type])).toEqual([['x', 'float16']]);
    expect(s.params).toBe(6); // a float16 [2, 3] weight
  });

  it('refuses bytes that are not an ONNX model, naming the file', () => {
    expect(() => inspectOnnx(new TextEncoder().encode('this is a text file, not a model\n'), 'notes.onnx')).toThrow(/^notes\.onnx: not an ONNX model/);
    expect(() => inspectOnnx(new Uint8Array(0), 'empty.onnx')).toThrow(/^empty\.onnx: not an ONNX model: it holds no graph/);
  });
});
