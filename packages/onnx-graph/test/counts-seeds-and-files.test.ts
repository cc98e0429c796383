import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphBuilder, conv, convTranspose, matmul, relu, writeOnnxFile } from '../src';
import { kaimingUniformBound } from '../src/init';
import { linear } from '../src/ops/elementwise';
import { runGraph, testData } from './helpers';

describe('parameter and MAC counts', () => {
  it('counts conv, depthwise conv, conv-transpose and linear by hand-derived formulas', () => {
    const g = new GraphBuilder({ materializeWeights: false });
    const x = g.input('x', [1, 16, 5, 8, 8]);
    // 3x3x3 conv 16->32, edge-free pads 1: output [1,32,5,8,8] = 10240 positions x 16*27 MACs each
    const a = conv(g, x, { outChannels: 32, kernel: [3, 3, 3], pads: [1, 1, 1, 1, 1, 1] });
    // depthwise 5x5x5 on 32 channels, valid: output [1,32,1,4,4] = 512 positions x 125
    const b = conv(g, a, { outChannels: 32, kernel: [5, 5, 5], groups: 32 });
    // conv-transpose 32->8, k2 s2: input 512 positions x 8*8 MACs each
    const c = convTranspose(g, b, { outChannels: 8, kernel: [2, 2, 2], strides: [2, 2, 2] });
    expect(c.shape).toEqual([1, 8, 2, 8, 8]);
    const tokens = g.input('tokens', [2, 10, 12]);
    linear(g, tokens, 7);
    expect(g.macsByNode().map((n) => n.macs)).toEqual([10240 * 16 * 27, 512 * 125, 512 * 8 * 8, 2 * 10 * 12 * 7]);
    expect(g.totalMacs()).toBe(10240 * 16 * 27 + 512 * 125 + 512 * 64 + 2 * 10 * 12 * 7);
    expect(g.macsByOpType()).toEqual({ Conv: 10240 * 16 * 27 + 512 * 125, ConvTranspose: 512 * 64, MatMul: 1680 });
    // params: 32*16*27+32, 32*125+32, 32*8*8+8, 12*7+7
    expect(g.paramCount()).toBe(32 * 16 * 27 + 32 + 32 * 125 + 32 + 32 * 8 * 8 + 8 + 12 * 7 + 7);
    expect(() => g.toBytes()).toThrow(/materializeWeights: false/);
  });

  it('counts batched MatMul as batch x M x K x N', () => {
    const g = new GraphBuilder();
    const a = g.input('a', [3, 4, 5]);
    const b = g.input('b', [5, 6]);
    const y = matmul(g, a, b);
    expect(y.shape).toEqual([3, 4, 6]);
    expect(g.totalMacs()).toBe(3 * 4 * 5 * 6);
  });

  it('rejects shapes that do not fit', () => {
    const g = new GraphBuilder();
    const x = g.input('x', [1, 3, 4, 4]);
    expect(() => conv(g, x, { outChannels: 4, kernel: [3, 3, 3] })).toThrow(/expected rank 5/);
    expect(() => conv(g, x, { outChannels: 4, kernel: [3, 3], groups: 2 })).toThrow(/divisible by groups/);
  });
});

describe('seeded weights', () => {
  it('are reproducible for a seed, differ across seeds, and stay within PyTorch default bounds', () => {
    const build = (seed: number) => {
      const g = new GraphBuilder({ seed });
      conv(g, g.input('x', [1, 8, 4, 4]), { outChannels: 16, kernel: [3, 3] });
      return g;
    };
    const [w1, b1] = build(7).initializers.map((i) => i.data as Float32Array);
    const [w2] = build(7).initializers.map((i) => i.data as Float32Array);
    const [w3] = build(8).initializers.map((i) => i.data as Float32Array);
    expect(Buffer.from(w1.buffer).equals(Buffer.from(w2.buffer))).toBe(true);
    expect(Buffer.from(w1.buffer).equals(Buffer.from(w3.buffer))).toBe(false);
    const bound = kaimingUniformBound(8 * 9);
    expect(bound).toBeCloseTo(1 / Math.sqrt(72), 12);
    for (const arr of [w1, b1]) {
      expect(Math.max(...arr)).toBeLessThanOrEqual(bound);
      expect(Math.min(...arr)).toBeGreaterThanOrEqual(-bound);
    }
    // a uniform spread: the largest magnitude is close to the bound, the mean close to 0
    expect(Math.max(...w1.map(Math.abs))).toBeGreaterThan(0.95 * bound);
    expect(Math.abs(w1.reduce((a, b) => a + b, 0) / w1.length)).toBeLessThan(0.1 * bound);
  });
});

describe('serialisation', () => {
  it('writes a .onnx file atomically that onnxruntime loads with symbolic dims', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onnx-graph-'));
    try {
      const g = new GraphBuilder({ name: 'relu' });
      const x = g.input('x', [1, 4], 'float32', { dimNames: ['batch', undefined] });
      g.output(relu(g, x), 'y', { dimNames: ['batch', undefined] });
      const path = join(dir, 'm.onnx');
      const bytes = writeOnnxFile(path, g);
      expect(readdirSync(dir)).toEqual(['m.onnx']);
      expect(readFileSync(path).byteLength).toBe(bytes);
      const ort = await import('onnxruntime-node');
      const session = await ort.InferenceSession.create(path, { logSeverityLevel: 3 });
      const out = await session.run({ x: new ort.Tensor('float32', Float32Array.from([-1, 2, -3, 4, 5, -6, 7, -8]), [2, 4]) });
      expect(Array.from(out.y.data as Float32Array)).toEqual([0, 2, 0, 4, 5, 0, 7, 0]);
      await session.release();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('round-trips int64 constants (a Reshape target) through rawData', async () => {
    const g = new GraphBuilder();
    const x = g.input('x', [2, 6]);
    const [y] = g.addNode('Reshape', [x, g.constInt64([3, -1])], [[3, 4]]);
    g.output(y, 'y');
    const out = await runGraph(g, { x: testData(12) });
    expect(out.y.dims).toEqual([3, 4]);
  });
});
