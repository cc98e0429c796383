import type { GraphBuilder, Value } from '../graph-builder';
import { numel } from '../shape';

/** Options of a 2-D or 3-D convolution (the kernel's length sets the spatial rank). */
export interface ConvOptions {
  /** Output channels. */
  outChannels: number;
  /** Kernel size per spatial axis, e.g. [3, 3, 3] (D, H, W) or [3, 3]. */
  kernel: readonly number[];
  /** Strides per spatial axis. Default 1. */
  strides?: readonly number[];
  /** ONNX pads: all begins then all ends, e.g. [pd, ph, pw, pd, ph, pw]. Default 0 (zero padding). */
  pads?: readonly number[];
  /** Dilations per spatial axis. Default 1. */
  dilations?: readonly number[];
  /** Groups (inChannels for depthwise). Default 1. */
  groups?: number;
  /** Whether to add a bias. Default true. */
  bias?: boolean;
  /** Prefix for the node and weight names. */
  name?: string;
}

function spatialOptions(rank: number, o: { kernel: readonly number[]; strides?: readonly number[]; pads?: readonly number[]; dilations?: readonly number[] }, op: string) {
  const strides = o.strides ?? new Array<number>(rank).fill(1);
  const pads = o.pads ?? new Array<number>(2 * rank).fill(0);
  const dilations = o.dilations ?? new Array<number>(rank).fill(1);
  if (strides.length !== rank || pads.length !== 2 * rank || dilations.length !== rank) {
    throw new RangeError(`${op}: kernel [${o.kernel.join(',')}] needs ${rank} strides/dilations and ${2 * rank} pads`);
  }
  return { strides, pads, dilations };
}

/**
 * The weight [Cout, Cin/groups, ...kernel] and bias of a conv, PyTorch-default initialised and named
 * `<name>.weight` / `<name>.bias` (the checkpoint keys), and the fan-in (MACs per output element).
 */
export function convParameters(g: GraphBuilder, cin: number, o: ConvOptions): { w: Value; b: Value | null; fanIn: number } {
  const groups = o.groups ?? 1;
  const prefix = o.name ?? 'conv';
  const fanIn = (cin / groups) * numel(o.kernel);
  const w = g.parameter(`${prefix}.weight`, [o.outChannels, cin / groups, ...o.kernel], { kind: 'kaiming-uniform', fanIn });
  const b = o.bias === false ? null : g.parameter(`${prefix}.bias`, [o.outChannels], { kind: 'kaiming-uniform', fanIn });
  return { w, b, fanIn };
}

/**
 * Conv (2-D or 3-D, grouped, explicit zero pads) with a PyTorch-default-initialised weight
 * [Cout, Cin/groups, ...kernel] and bias. MACs = outputs x (Cin/groups) x kernel volume.
 */
export function conv(g: GraphBuilder, x: Value, o: ConvOptions): Value {
  const { groups, strides, pads, dilations, out } = convGeometry(x, o, 'conv');
  const { w, b, fanIn } = convParameters(g, x.shape[1], o);
  const macs = numel(out) * fanIn;
  const attributes = { kernel_shape: [...o.kernel], strides: [...strides], pads: [...pads], dilations: [...dilations], group: groups };
  return g.addNode('Conv', b ? [x, w, b] : [x, w], [out], { attributes, macs, namePrefix: o.name ?? 'conv' })[0];
}

/** A conv's checked options with defaults and its output shape (RangeError naming `op` when they do not fit `x`). */
export function convGeometry(x: Value, o: ConvOptions, op: string) {
  const rank = o.kernel.length;
  if (x.shape.length !== rank + 2) throw new RangeError(`${op}: input "${x.name}" has shape [${x.shape.join(',')}], expected rank ${rank + 2} for a ${rank}-D kernel`);
  const groups = o.groups ?? 1;
  const cin = x.shape[1];
  if (cin % groups !== 0 || o.outChannels % groups !== 0) throw new RangeError(`${op}: channels ${cin}->${o.outChannels} not divisible by groups ${groups}`);
  const { strides, pads, dilations } = spatialOptions(rank, o, op);
  const out = [x.shape[0], o.outChannels];
  for (let i = 0; i < rank; i++) {
    const size = Math.floor((x.shape[i + 2] + pads[i] + pads[i + rank] - dilations[i] * (o.kernel[i] - 1) - 1) / strides[i]) + 1;
    if (size <= 0) throw new RangeError(`${op}: kernel ${o.kernel[i]} does not fit axis ${i + 2} of size ${x.shape[i + 2]} with pads`);
    out.push(size);
  }
  return { groups, strides, pads, dilations, out };
}

/** Options of a 2-D or 3-D transposed convolution. */
export interface ConvTransposeOptions extends ConvOptions {
  /** Extra size added to one side of each output axis. Default 0. */
  outputPadding?: readonly number[];
}

/**
 * ConvTranspose (2-D or 3-D, grouped) with weight [Cin, Cout/groups, ...kernel]; PyTorch's init
 * uses fan_in = (Cout/groups) x kernel volume for transposed convs. MACs = inputs x (Cout/groups) x kernel volume.
 */
export function convTranspose(g: GraphBuilder, x: Value, o: ConvTransposeOptions): Value {
  const rank = o.kernel.length;
  if (x.shape.length !== rank + 2) throw new RangeError(`convTranspose: input "${x.name}" has shape [${x.shape.join(',')}], expected rank ${rank + 2}`);
  const groups = o.groups ?? 1;
  const cin = x.shape[1];
  if (cin % groups !== 0 || o.outChannels % groups !== 0) throw new RangeError(`convTranspose: channels ${cin}->${o.outChannels} not divisible by groups ${groups}`);
  const { strides, pads, dilations } = spatialOptions(rank, o, 'convTranspose');
  const outputPadding = o.outputPadding ?? new Array<number>(rank).fill(0);
  const out = [x.shape[0], o.outChannels];
  for (let i = 0; i < rank; i++) {
    out.push((x.shape[i + 2] - 1) * strides[i] - pads[i] - pads[i + rank] + dilations[i] * (o.kernel[i] - 1) + outputPadding[i] + 1);
  }
  const prefix = o.name ?? 'conv_transpose';
  const fanIn = (o.outChannels / groups) * numel(o.kernel);
  const w = g.parameter(`${prefix}.weight`, [cin, o.outChannels / groups, ...o.kernel], { kind: 'kaiming-uniform', fanIn });
  const b = o.bias === false ? null : g.parameter(`${prefix}.bias`, [o.outChannels], { kind: 'kaiming-uniform', fanIn });
  const macs = numel(x.shape) * fanIn;
  const attributes = {
    kernel_shape: [...o.kernel],
    strides: [...strides],
    pads: [...pads],
    dilations: [...dilations],
    group: groups,
    output_padding: [...outputPadding],
  };
  return g.addNode('ConvTranspose', b ? [x, w, b] : [x, w], [out], { attributes, macs, namePrefix: prefix })[0];
}
