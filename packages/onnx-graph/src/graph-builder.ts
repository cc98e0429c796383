import { onnx } from 'onnx-proto';
import { EvalkitError, ERROR_CODES } from '@evalkit/core';
import { SeededRandom } from './prng';
import { kaimingUniformBound, type ParameterInit } from './init';
import { numel, type Shape } from './shape';

/** Element types the builder tracks (float tensors carry data, int64 tensors carry shapes and indices). */
export type DType = 'float32' | 'int64' | 'bool';

/** A tensor in the graph under construction: its name and its shape for the size the graph was built at. */
export interface Value {
  /** Unique tensor name inside the graph. */
  readonly name: string;
  /** Concrete shape, tracked while building (used for shape checks and MAC counting). */
  readonly shape: Shape;
  /** Element type. */
  readonly dtype: DType;
}

/** An attribute value for a node; numbers that are integers become INT, others FLOAT (force with {float}). */
export type AttributeValue = number | string | number[] | { float: number } | { floats: number[] } | { ints: number[] };

/** One node as recorded by the builder, with its multiply-accumulate count at the built size. */
export interface NodeRecord {
  /** Unique node name. */
  readonly name: string;
  /** ONNX operator type, e.g. "Conv". */
  readonly opType: string;
  /** Operator domain ("" is the default ONNX domain). */
  readonly domain: string;
  /** Input tensor names ("" for an omitted optional input). */
  readonly inputs: readonly string[];
  /** Output values. */
  readonly outputs: readonly Value[];
  /** Attributes as given. */
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  /** Multiply-accumulates of this node (conv, conv-transpose, matmul, gemm); 0 for other ops. */
  readonly macs: number;
}

/** A parameter or constant tensor of the graph. */
export interface InitializerRecord {
  /** Tensor name. */
  readonly name: string;
  /** Shape. */
  readonly shape: Shape;
  /** Element type. */
  readonly dtype: DType;
  /** True for learnable weights (counted by paramCount); false for shape constants, masks, eps. */
  readonly trainable: boolean;
  /** The data, or null when the builder only tracks shapes (materializeWeights: false). */
  readonly data: Float32Array | BigInt64Array | Uint8Array | null;
  /** For parameters: the name the builder asked for, before it was made unique (the checkpoint key). */
  readonly key?: string;
  /** For parameters: true when PyTorch stores this tensor transposed (an nn.Linear weight [out, in] is a MatMul's [in, out]). */
  readonly transposed?: boolean;
}

/** One parameter as the graph asks a WeightSource for it. */
export interface ParameterRequest {
  /** The name given to `parameter` (the checkpoint key; the graph's tensor name gets a unique suffix). */
  readonly key: string;
  /** The shape the graph uses. */
  readonly shape: Shape;
  /** True when PyTorch stores this tensor transposed (see InitializerRecord.transposed). */
  readonly transposed: boolean;
}

/** Supplies parameter values (e.g. from a checkpoint) instead of the seeded stream. */
export interface WeightSource {
  /** The values of one parameter in the graph's shape and layout. */
  take(request: ParameterRequest): Float32Array;
}

/** Options of a GraphBuilder. */
export interface GraphBuilderOptions {
  /** Graph name written into the model. */
  name?: string;
  /** Seed of the weight stream (parameters are drawn in creation order). Default 0. */
  seed?: number;
  /**
   * When false, parameters are recorded with their shapes only: parameter and MAC counts work, but
   * the model cannot be serialised. Lets a full-width 146M-parameter decoder be counted without 600 MB of floats.
   */
  materializeWeights?: boolean;
  /** Default-domain opset version (17 or newer). Default 17. */
  opset?: number;
  /** Extra operator domains to import, e.g. {"com.microsoft": 1}. */
  extraOpsets?: Record<string, number>;
  /** producer_name written into the model. Default "evalkit-onnx-graph". */
  producerName?: string;
  /** Where parameter values come from when weights are materialised; default the seeded stream. */
  weights?: WeightSource;
  /**
   * The graph will be exported with symbolic sizes (one graph for every size): ops must then emit
   * the same nodes whatever the size. Default false: an op may choose the form that runs fastest at
   * the concrete size being built.
   */
  sizeIndependent?: boolean;
}

/** Options for declaring a graph input or output. */
export interface IoOptions {
  /**
   * Symbolic names for dimensions (undefined keeps the fixed size). The builder still tracks the
   * concrete shape; ops that bake sizes (Reshape targets) then only run at that size.
   */
  dimNames?: readonly (string | undefined)[];
}

/** A per-node MAC entry. */
export interface NodeMacs {
  /** Node name. */
  name: string;
  /** Operator type. */
  opType: string;
  /** Multiply-accumulates. */
  macs: number;
  /** Shape of the first output. */
  outputShape: number[];
}

const ONNX_DTYPE: Record<DType, number> = { float32: 1, int64: 7, bool: 9 };

/**
 * Builds an ONNX graph op by op while tracking concrete shapes, parameters and multiply-accumulates.
 * Helpers in this package (conv, resize, rmsNormChannels, ...) add nodes through `addNode`; anything
 * else can be added with `addNode` directly by giving the output shapes.
 */
export class GraphBuilder {
  /** Graph name. */
  readonly name: string;
  /** Whether parameter data is generated (see GraphBuilderOptions.materializeWeights). */
  readonly materializeWeights: boolean;
  /** Default-domain opset. */
  readonly opset: number;
  /** Whether ops must emit the same nodes at every size (see GraphBuilderOptions.sizeIndependent). */
  readonly sizeIndependent: boolean;
  private readonly extraOpsets: Record<string, number>;
  private readonly producerName: string;
  private readonly random: SeededRandom;
  private readonly weights: WeightSource | undefined;
  private readonly names = new Set<string>();
  private readonly counters = new Map<string, number>();
  private readonly nodeList: NodeRecord[] = [];
  private readonly initializerList: InitializerRecord[] = [];
  private readonly inputList: { value: Value; dimNames?: readonly (string | undefined)[] }[] = [];
  private readonly outputList: { value: Value; dimNames?: readonly (string | undefined)[] }[] = [];
  private readonly int64Cache = new Map<string, Value>();
  private readonly floatCache = new Map<string, Value>();

  /** Creates an empty graph. */
  constructor(options: GraphBuilderOptions = {}) {
    this.name = options.name ?? 'graph';
    this.materializeWeights = options.materializeWeights ?? true;
    this.opset = options.opset ?? 17;
    this.sizeIndependent = options.sizeIndependent ?? false;
    if (!Number.isInteger(this.opset) || this.opset < 17) throw new RangeError(`opset must be an integer >= 17, got ${options.opset}`);
    this.extraOpsets = options.extraOpsets ?? {};
    this.producerName = options.producerName ?? 'evalkit-onnx-graph';
    this.random = new SeededRandom(options.seed ?? 0);
    this.weights = options.weights;
  }

  /** A fresh unique name with the given prefix ("conv" -> "conv_0", "conv_1", ...). */
  uniqueName(prefix: string): string {
    let i = this.counters.get(prefix) ?? 0;
    let name = `${prefix}_${i}`;
    while (this.names.has(name)) name = `${prefix}_${++i}`;
    this.counters.set(prefix, i + 1);
    this.names.add(name);
    return name;
  }

  private claim(name: string): string {
    if (this.names.has(name)) throw new RangeError(`tensor or node name "${name}" is already used in graph "${this.name}"`);
    this.names.add(name);
    return name;
  }

  /** Declares a graph input. */
  input(name: string, shape: Shape, dtype: DType = 'float32', options: IoOptions = {}): Value {
    assertShape(shape, `input "${name}"`);
    const value: Value = { name: this.claim(name), shape: [...shape], dtype };
    this.inputList.push({ value, dimNames: options.dimNames });
    return value;
  }

  /**
   * Declares `value` a graph output. With `name`, an Identity node renames it first (so the output
   * name is stable whatever produced it).
   */
  output(value: Value, name?: string, options: IoOptions = {}): Value {
    let out = value;
    if (name !== undefined && name !== value.name) {
      [out] = this.addNode('Identity', [value], [value.shape], { outputNames: [name], dtypes: [value.dtype] });
    }
    this.outputList.push({ value: out, dimNames: options.dimNames });
    return out;
  }

  /**
   * Adds a learnable parameter drawn from the seeded stream (or only recorded, when weights are not
   * materialised). `name` is made unique with a numeric suffix.
   */
  parameter(name: string, shape: Shape, init: ParameterInit, options: { transposed?: boolean } = {}): Value {
    assertShape(shape, `parameter "${name}"`);
    const unique = this.uniqueName(name);
    const transposed = options.transposed ?? false;
    let data: Float32Array | null = null;
    if (this.materializeWeights && this.weights) {
      data = this.weights.take({ key: name, shape: [...shape], transposed });
      if (data.length !== numel(shape)) throw new RangeError(`weight source gave ${data.length} values for parameter "${name}" of shape [${shape.join(',')}]`);
    } else if (this.materializeWeights) {
      data = new Float32Array(numel(shape));
      if (init.kind === 'constant') data.fill(init.value);
      else this.random.fillUniform(data, init.kind === 'uniform' ? init.bound : kaimingUniformBound(init.fanIn));
    }
    this.initializerList.push({ name: unique, shape: [...shape], dtype: 'float32', trainable: true, data, key: name, transposed });
    return { name: unique, shape: [...shape], dtype: 'float32' };
  }

  /** Adds a float32 initializer with the given data (trainable marks it as a parameter). */
  floatTensor(name: string, shape: Shape, data: Float32Array, trainable = false): Value {
    assertShape(shape, `tensor "${name}"`);
    if (data.length !== numel(shape)) throw new RangeError(`tensor "${name}": ${data.length} values for shape [${shape.join(',')}]`);
    const unique = this.uniqueName(name);
    this.initializerList.push({ name: unique, shape: [...shape], dtype: 'float32', trainable, data });
    return { name: unique, shape: [...shape], dtype: 'float32' };
  }

  /** A float32 constant (deduplicated by content), e.g. an epsilon or a mask row. */
  constFloat(values: readonly number[] | Float32Array, shape: Shape = [values.length]): Value {
    const data = Float32Array.from(values);
    const key = `${shape.join(',')}|${Array.from(data).join(',')}`;
    const cached = data.length <= 64 ? this.floatCache.get(key) : undefined;
    if (cached) return cached;
    const value = this.floatTensor('const_f', shape, data, false);
    if (data.length <= 64) this.floatCache.set(key, value);
    return value;
  }

  /** A 1-D int64 constant (deduplicated by content), e.g. a Reshape target or Pad amounts. */
  constInt64(values: readonly number[]): Value {
    const key = values.join(',');
    const cached = this.int64Cache.get(key);
    if (cached) return cached;
    for (const v of values) if (!Number.isInteger(v)) throw new RangeError(`int64 constant needs integers, got ${v}`);
    const unique = this.uniqueName('const_i64');
    const data = BigInt64Array.from(values.map((v) => BigInt(v)));
    this.initializerList.push({ name: unique, shape: [values.length], dtype: 'int64', trainable: false, data });
    const value: Value = { name: unique, shape: [values.length], dtype: 'int64' };
    this.int64Cache.set(key, value);
    return value;
  }

  /** A 0-D int64 constant (deduplicated), for ops that take scalars (Range, Clip). */
  constInt64Scalar(value: number): Value {
    const key = `scalar:${value}`;
    const cached = this.int64Cache.get(key);
    if (cached) return cached;
    if (!Number.isInteger(value)) throw new RangeError(`int64 constant needs an integer, got ${value}`);
    const unique = this.uniqueName('const_i64');
    this.initializerList.push({ name: unique, shape: [], dtype: 'int64', trainable: false, data: BigInt64Array.of(BigInt(value)) });
    const scalar: Value = { name: unique, shape: [], dtype: 'int64' };
    this.int64Cache.set(key, scalar);
    return scalar;
  }

  /**
   * Adds one node. `inputs` may contain null for omitted optional inputs. Output shapes are given by
   * the caller (the op helpers compute them); `macs` is this node's multiply-accumulate count.
   */
  addNode(
    opType: string,
    inputs: readonly (Value | null)[],
    outputShapes: readonly Shape[],
    options: {
      attributes?: Record<string, AttributeValue>;
      macs?: number;
      name?: string;
      /** Prefix for a generated unique node name (ignored when `name` is given). */
      namePrefix?: string;
      domain?: string;
      outputNames?: readonly string[];
      dtypes?: readonly DType[];
    } = {},
  ): Value[] {
    const nodeName = options.name !== undefined ? this.claim(options.name) : this.uniqueName(options.namePrefix ?? opType.toLowerCase());
    const outputs = outputShapes.map((shape, i): Value => {
      assertShape(shape, `output ${i} of ${opType} node "${nodeName}"`);
      const name = options.outputNames?.[i] !== undefined ? this.claim(options.outputNames[i]) : this.uniqueName(`${nodeName}_out`);
      return { name, shape: [...shape], dtype: options.dtypes?.[i] ?? inputs.find((v) => v !== null)?.dtype ?? 'float32' };
    });
    this.nodeList.push({
      name: nodeName,
      opType,
      domain: options.domain ?? '',
      inputs: inputs.map((v) => (v === null ? '' : v.name)),
      outputs,
      attributes: options.attributes ?? {},
      macs: options.macs ?? 0,
    });
    return outputs;
  }

  /** The nodes added so far, in order. */
  get nodes(): readonly NodeRecord[] {
    return this.nodeList;
  }

  /** The initializers (parameters and constants) added so far. */
  get initializers(): readonly InitializerRecord[] {
    return this.initializerList;
  }

  /** Declared graph inputs. */
  get inputs(): readonly Value[] {
    return this.inputList.map((i) => i.value);
  }

  /** Declared graph outputs. */
  get outputs(): readonly Value[] {
    return this.outputList.map((o) => o.value);
  }

  /** Number of learnable parameters (elements of trainable initializers). */
  paramCount(): number {
    let n = 0;
    for (const init of this.initializerList) if (init.trainable) n += numel(init.shape);
    return n;
  }

  /** Multiply-accumulates of every node with a non-zero count, in graph order. */
  macsByNode(): NodeMacs[] {
    return this.nodeList.filter((n) => n.macs > 0).map((n) => ({ name: n.name, opType: n.opType, macs: n.macs, outputShape: [...n.outputs[0].shape] }));
  }

  /** Total multiply-accumulates of the graph at the built size. */
  totalMacs(): number {
    let n = 0;
    for (const node of this.nodeList) n += node.macs;
    return n;
  }

  /** Multiply-accumulates summed per operator type. */
  macsByOpType(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const node of this.nodeList) if (node.macs > 0) out[node.opType] = (out[node.opType] ?? 0) + node.macs;
    return out;
  }

  /**
   * The ONNX ModelProto (IR 8). Throws EvalkitError when weights were not materialised. With
   * `float16Weights`, learnable float32 weights are stored as float16 (half the file) and widened by a
   * Cast at the start of the graph, so every op still computes in float32 on every execution provider.
   */
  toModelProto(options: SerializeOptions = {}): onnx.ModelProto {
    if (!this.materializeWeights) {
      throw new EvalkitError(ERROR_CODES.UNSUPPORTED, `graph "${this.name}" was built with materializeWeights: false (shapes only) and cannot be serialised`, {
        field: 'materializeWeights',
        value: false,
      });
    }
    const valueInfo = (v: Value, dimNames?: readonly (string | undefined)[]) =>
      onnx.ValueInfoProto.create({
        name: v.name,
        type: {
          tensorType: {
            elemType: ONNX_DTYPE[v.dtype],
            shape: { dim: v.shape.map((d, i) => (dimNames?.[i] !== undefined ? { dimParam: dimNames[i] } : { dimValue: d })) },
          },
        },
      });
    const casts: onnx.NodeProto[] = [];
    const initializer = this.initializerList.map((init) => {
      const data = init.data;
      if (data === null) throw new EvalkitError(ERROR_CODES.UNSUPPORTED, `initializer "${init.name}" has no data`);
      if (options.float16Weights && init.trainable && data instanceof Float32Array) {
        const half = `${init.name}__fp16`;
        casts.push(onnx.NodeProto.create({ name: `${init.name}__widen`, opType: 'Cast', input: [half], output: [init.name], attribute: [attributeProto('to', 1)] }));
        const bits = float32ToFloat16Bits(data);
        return onnx.TensorProto.create({ name: half, dims: [...init.shape], dataType: 10, rawData: new Uint8Array(bits.buffer, bits.byteOffset, bits.byteLength) });
      }
      return onnx.TensorProto.create({
        name: init.name,
        dims: [...init.shape],
        dataType: ONNX_DTYPE[init.dtype],
        // rawData is little-endian bytes; typed arrays on every platform Node runs on are little-endian.
        rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      });
    });
    const node = this.nodeList.map((n) =>
      onnx.NodeProto.create({
        name: n.name,
        opType: n.opType,
        domain: n.domain,
        input: [...n.inputs],
        output: n.outputs.map((o) => o.name),
        attribute: Object.entries(n.attributes).map(([name, value]) => attributeProto(name, value)),
      }),
    );
    return onnx.ModelProto.create({
      irVersion: 8,
      producerName: this.producerName,
      opsetImport: [{ domain: '', version: this.opset }, ...Object.entries(this.extraOpsets).map(([domain, version]) => ({ domain, version }))],
      graph: {
        name: this.name,
        node: [...casts, ...node],
        initializer,
        input: this.inputList.map((i) => valueInfo(i.value, i.dimNames)),
        output: this.outputList.map((o) => valueInfo(o.value, o.dimNames)),
      },
    });
  }

  /** The serialised model (what a .onnx file contains). */
  toBytes(options: SerializeOptions = {}): Uint8Array {
    return onnx.ModelProto.encode(this.toModelProto(options)).finish();
  }
}

/** Options of GraphBuilder.toModelProto / toBytes. */
export interface SerializeOptions {
  /** Store learnable weights as float16 (Cast to float32 in the graph). Default false. */
  float16Weights?: boolean;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE float16 bits of each float32 value, rounded to nearest even (overflow to infinity, subnormals kept). */
export function float32ToFloat16Bits(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    f32[0] = values[i];
    const x = u32[0];
    const sign = (x >>> 16) & 0x8000;
    const exp = (x >>> 23) & 0xff;
    let mant = x & 0x7fffff;
    if (exp === 0xff) {
      out[i] = sign | 0x7c00 | (mant ? 0x200 : 0);
      continue;
    }
    const e = exp - 127 + 15;
    if (e >= 0x1f) {
      out[i] = sign | 0x7c00;
    } else if (e <= 0) {
      if (e < -10) {
        out[i] = sign;
        continue;
      }
      mant |= 0x800000;
      const shift = 14 - e;
      let half = mant >>> shift;
      const rem = mant & ((1 << shift) - 1);
      const mid = 1 << (shift - 1);
      if (rem > mid || (rem === mid && half & 1)) half++;
      out[i] = sign | half;
    } else {
      let half = (e << 10) | (mant >>> 13);
      const rem = mant & 0x1fff;
      if (rem > 0x1000 || (rem === 0x1000 && half & 1)) half++;
      out[i] = sign | half;
    }
  }
  return out;
}

function assertShape(shape: Shape, what: string): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw new RangeError(`${what}: shape [${shape.join(',')}] must hold non-negative integers`);
  }
}

function attributeProto(name: string, value: AttributeValue): onnx.AttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof value === 'string') return onnx.AttributeProto.create({ name, type: T.STRING, s: new TextEncoder().encode(value) });
  if (typeof value === 'number') {
    return Number.isInteger(value) ? onnx.AttributeProto.create({ name, type: T.INT, i: value }) : onnx.AttributeProto.create({ name, type: T.FLOAT, f: value });
  }
  if (Array.isArray(value)) {
    return value.every((v) => Number.isInteger(v))
      ? onnx.AttributeProto.create({ name, type: T.INTS, ints: value })
      : onnx.AttributeProto.create({ name, type: T.FLOATS, floats: value });
  }
  if ('float' in value) return onnx.AttributeProto.create({ name, type: T.FLOAT, f: value.float });
  if ('floats' in value) return onnx.AttributeProto.create({ name, type: T.FLOATS, floats: value.floats });
  return onnx.AttributeProto.create({ name, type: T.INTS, ints: value.ints });
}
