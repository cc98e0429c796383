import { GraphBuilder, conv, convTranspose, depthToSpace, reshape, resize, transpose, type Value } from '@evalkit/onnx-graph';
import type { ConvOp, ConvTransposeOp, OpSink } from './op-sink';
import type { VariantStage } from './variants';
import { replayStages } from './variants';

/** Replays variant operators into an onnx-graph GraphBuilder. */
export class OnnxSink implements OpSink<Value> {
  constructor(readonly g: GraphBuilder) {}

  dims(x: Value): number[] {
    return [...x.shape];
  }

  conv(x: Value, op: ConvOp): Value {
    const pads = op.kernel.map((k) => Math.floor(k / 2));
    return conv(this.g, x, { outChannels: op.cout, kernel: op.kernel, pads: [...pads, ...pads], groups: op.groups ?? 1, name: op.name });
  }

  convTranspose(x: Value, op: ConvTransposeOp): Value {
    return convTranspose(this.g, x, { outChannels: op.cout, kernel: op.kernel, strides: op.stride, pads: [...op.pads, ...op.pads], name: op.name });
  }

  resize(x: Value, scales: number[], mode: 'nearest' | 'linear'): Value {
    return resize(this.g, x, { scales, mode });
  }

  reshape(x: Value, dims: number[]): Value {
    return reshape(this.g, x, dims);
  }

  transpose(x: Value, perm: number[]): Value {
    return transpose(this.g, x, perm);
  }

  depthToSpace(x: Value, block: number): Value {
    return depthToSpace(this.g, x, { blockSize: block, mode: 'CRD' });
  }
}

/** A serialised single-input single-output model plus what onnx-graph counted for it. */
export interface BuiltGraph {
  bytes: Uint8Array;
  inputDims: number[];
  outputDims: number[];
  /** Name of the graph output (the input is always "x"). */
  outputName: string;
  /** Trainable initializers in creation order (for reference implementations in checks). */
  weights: { name: string; data: Float32Array }[];
  /** MACs as counted by onnx-graph (an independent count from CostSink's). */
  macs: number;
  params: number;
}

/**
 * Builds stages into an ONNX model with input "x" and one output. Weights come from onnx-graph's
 * seeded stream in creation order, so a graph of stages [conv] and one of [conv, rearrange] built
 * with the same seed share the conv's weights - which is what the agreement check relies on.
 */
export function buildStagesGraph(stages: readonly VariantStage[], inputDims: readonly number[], seed: number, name = 'variant'): BuiltGraph {
  const g = new GraphBuilder({ name, seed, opset: 17, producerName: 'evalkit-kernel-bench' });
  const x = g.input('x', [...inputDims]);
  const y = replayStages(new OnnxSink(g), x, stages);
  // No rename: a named output would add an Identity copy that the timing would include.
  g.output(y);
  const weights = g.initializers.filter((i) => i.trainable).map((i) => ({ name: i.name, data: i.data as Float32Array }));
  return { bytes: g.toBytes(), inputDims: [...inputDims], outputDims: [...y.shape], outputName: y.name, macs: g.totalMacs(), params: g.paramCount(), weights };
}
