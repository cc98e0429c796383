/** Convolution of a variant: 'same' zero padding (k//2), stride 1, with bias; 2 or 3 kernel dims. */
export interface ConvOp {
  /** Stable name: it seeds the weights, so a full graph and its split halves share them. */
  name: string;
  cout: number;
  kernel: number[];
  groups?: number;
}

/** Transposed convolution of a variant (3-D, groups 1, with bias). */
export interface ConvTransposeOp {
  name: string;
  cout: number;
  kernel: number[];
  stride: number[];
  pads: number[];
}

/**
 * The handful of operators the variants are made of. A variant is written once against this
 * interface and replayed into different sinks: one counts bytes and MACs, one builds the ONNX
 * graph. Keeping one description means the accounting cannot drift from the graph that is timed.
 */
export interface OpSink<T> {
  /** Dims of a value. */
  dims(x: T): number[];
  conv(x: T, op: ConvOp): T;
  convTranspose(x: T, op: ConvTransposeOp): T;
  /** ONNX Resize with integer scales per axis; nearest (asymmetric, floor) or linear (half_pixel). */
  resize(x: T, scales: number[], mode: 'nearest' | 'linear'): T;
  reshape(x: T, dims: number[]): T;
  transpose(x: T, perm: number[]): T;
  /** ONNX DepthToSpace, mode CRD, on a 4-D NCHW value. */
  depthToSpace(x: T, block: number): T;
}

/** Output dims of a 'same'-padded stride-1 convolution. */
export function convOutputDims(dims: readonly number[], cout: number): number[] {
  return [dims[0], cout, ...dims.slice(2)];
}

/** Output dims of a transposed convolution: (in-1)*stride - 2*pad + kernel per spatial axis. */
export function convTransposeOutputDims(dims: readonly number[], op: ConvTransposeOp): number[] {
  return [dims[0], op.cout, ...dims.slice(2).map((d, i) => (d - 1) * op.stride[i] - 2 * op.pads[i] + op.kernel[i])];
}

/** Output dims of a transpose. */
export function transposeDims(dims: readonly number[], perm: readonly number[]): number[] {
  return perm.map((p) => dims[p]);
}

/** Output dims of a CRD DepthToSpace on NCHW. */
export function depthToSpaceDims(dims: readonly number[], block: number): number[] {
  const [n, c, h, w] = dims;
  if (dims.length !== 4 || c % (block * block) !== 0) throw new RangeError(`DepthToSpace needs NCHW with channels divisible by ${block * block}, got ${dims.join('x')}`);
  return [n, c / (block * block), h * block, w * block];
}
