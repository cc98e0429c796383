import { convOutputDims, convTransposeOutputDims, depthToSpaceDims, transposeDims, type ConvOp, type ConvTransposeOp, type OpSink } from './op-sink';

/** Bytes and multiply-accumulates of one operator under the compulsory-traffic model. */
export interface OpCost {
  op: string;
  macs: number;
  bytes: number;
  params: number;
  outputDims: number[];
}

/** Totals for a sequence of operators. */
export interface Cost {
  macs: number;
  bytes: number;
  params: number;
  ops: OpCost[];
}

const F32 = 4;
const count = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);

/**
 * An OpSink that only tracks shapes and counts work. Bytes model: every operator reads each of its
 * inputs (and weights) once and writes its output once, float32 - the traffic no implementation can
 * avoid when the operators run one after another. Reshape is free (a view). MACs: convolutions as
 * Cout * Cin/groups * prod(kernel) per output position (transposed: per input position), linear
 * resize 2^axes per output (one MAC per tap), nearest resize and data movement zero.
 */
export class CostSink implements OpSink<number[]> {
  readonly ops: OpCost[] = [];

  dims(x: number[]): number[] {
    return x;
  }

  private add(op: string, macs: number, inputs: number, params: number, outputDims: number[]): number[] {
    this.ops.push({ op, macs, bytes: (inputs + params + count(outputDims)) * F32, params, outputDims });
    return outputDims;
  }

  conv(x: number[], op: ConvOp): number[] {
    const groups = op.groups ?? 1;
    const out = convOutputDims(x, op.cout);
    const kprod = count(op.kernel);
    const weights = op.cout * (x[1] / groups) * kprod;
    const macs = op.cout * (x[1] / groups) * kprod * count(out.slice(2)) * out[0];
    return this.add(`Conv${op.kernel.length}d ${x[1]}->${op.cout} k${op.kernel.join('x')}${groups > 1 ? ` g${groups}` : ''}`, macs, count(x), weights + op.cout, out);
  }

  convTranspose(x: number[], op: ConvTransposeOp): number[] {
    const out = convTransposeOutputDims(x, op);
    const kprod = count(op.kernel);
    const weights = x[1] * op.cout * kprod;
    const macs = x[1] * op.cout * kprod * count(x.slice(2)) * x[0];
    return this.add(`ConvTranspose3d ${x[1]}->${op.cout} k${op.kernel.join('x')} s${op.stride.join('x')}`, macs, count(x), weights + op.cout, out);
  }

  resize(x: number[], scales: number[], mode: 'nearest' | 'linear'): number[] {
    const out = x.map((d, i) => d * scales[i]);
    const axes = scales.filter((s) => s !== 1).length;
    return this.add(`Resize ${mode} x${scales.join(',')}`, mode === 'linear' ? count(out) * 2 ** axes : 0, count(x), 0, out);
  }

  reshape(x: number[], dims: number[]): number[] {
    if (count(dims) !== count(x)) throw new RangeError(`Reshape ${x.join('x')} -> ${dims.join('x')} changes the element count`);
    this.ops.push({ op: 'Reshape', macs: 0, bytes: 0, params: 0, outputDims: dims });
    return dims;
  }

  transpose(x: number[], perm: number[]): number[] {
    return this.add(`Transpose ${perm.join('')}`, 0, count(x), 0, transposeDims(x, perm));
  }

  depthToSpace(x: number[], block: number): number[] {
    return this.add(`DepthToSpace CRD ${block}`, 0, count(x), 0, depthToSpaceDims(x, block));
  }

  /** Sum over every operator recorded so far. */
  total(): Cost {
    return {
      macs: this.ops.reduce((a, o) => a + o.macs, 0),
      bytes: this.ops.reduce((a, o) => a + o.bytes, 0),
      params: this.ops.reduce((a, o) => a + o.params, 0),
      ops: [...this.ops],
    };
  }
}
