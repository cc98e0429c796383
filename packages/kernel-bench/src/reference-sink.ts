import { permuteAxes } from '@evalkit/media-io/arrays';
import { depthToSpaceCrd } from './kernels/depth-to-space';
import { nearestUpsample5d } from './kernels/nearest-upsample';
import { trilinearResize } from './kernels/trilinear-resize';
import { conv3dReference, convTranspose3dReference } from './reference/conv-reference';
import { depthToSpaceDims, transposeDims, type ConvOp, type ConvTransposeOp, type OpSink } from './op-sink';

/** A tensor in the all-TypeScript reference replay. */
export interface RefTensor {
  data: Float32Array;
  dims: number[];
}

/**
 * Replays a variant entirely in TypeScript: direct convolutions (float64 sums) and the TS
 * rearrangement kernels. Weights and biases are taken in creation order from `weights`, the same
 * order onnx-graph creates them, so the replay computes what the ONNX graph should.
 */
export class ReferenceSink implements OpSink<RefTensor> {
  private next = 0;

  constructor(private readonly weights: readonly Float32Array[]) {}

  private take(): Float32Array {
    const w = this.weights[this.next++];
    if (!w) throw new RangeError(`reference replay needs more weights than the ${this.weights.length} given`);
    return w;
  }

  dims(x: RefTensor): number[] {
    return x.dims;
  }

  conv(x: RefTensor, op: ConvOp): RefTensor {
    const weight = this.take();
    const bias = this.take();
    // A 2-D conv is a 3-D conv with a depth-1 kernel over a depth-1 input.
    const is2d = op.kernel.length === 2;
    const dims = is2d ? [x.dims[0], x.dims[1], 1, x.dims[2], x.dims[3]] : x.dims;
    const kernel = (is2d ? [1, ...op.kernel] : op.kernel) as [number, number, number];
    const pads = kernel.map((k) => Math.floor(k / 2)) as [number, number, number];
    const y = conv3dReference(x.data, dims, weight, op.cout, { kernel, pads, groups: op.groups ?? 1, bias });
    return { data: y.data, dims: is2d ? [y.dims[0], y.dims[1], y.dims[3], y.dims[4]] : y.dims };
  }

  convTranspose(x: RefTensor, op: ConvTransposeOp): RefTensor {
    const weight = this.take();
    const bias = this.take();
    const t3 = (v: number[]) => v as unknown as [number, number, number];
    return convTranspose3dReference(x.data, x.dims, weight, op.cout, { kernel: t3(op.kernel), stride: t3(op.stride), pads: t3(op.pads), bias });
  }

  resize(x: RefTensor, scales: number[], mode: 'nearest' | 'linear'): RefTensor {
    const dims = x.dims.map((d, i) => d * scales[i]);
    if (mode === 'nearest') return { data: nearestUpsample5d(x.data, x.dims, scales), dims };
    if (scales[0] !== 1 || scales[1] !== 1) throw new RangeError('linear resize is only defined here over T, H, W');
    return { data: trilinearResize(x.data, x.dims, [scales[2], scales[3], scales[4]]), dims };
  }

  reshape(x: RefTensor, dims: number[]): RefTensor {
    return { data: x.data, dims };
  }

  transpose(x: RefTensor, perm: number[]): RefTensor {
    return { data: permuteAxes(x.data, x.dims, perm), dims: transposeDims(x.dims, perm) };
  }

  depthToSpace(x: RefTensor, block: number): RefTensor {
    return { data: depthToSpaceCrd(x.data, x.dims, block), dims: depthToSpaceDims(x.dims, block) };
  }
}
