import { onnx } from 'onnx-proto';
import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import type { GraphBuilder, InitializerRecord, SerializeOptions } from '../graph-builder';

/** Which dims of the first input and first output become symbolic, and their names. */
export interface SymbolicSizesOptions {
  /** Input dims (of the first graph input) to make symbolic, by index, with their names. */
  inputDims: Readonly<Record<number, string>>;
  /** Output dims (of the first graph output) to make symbolic, by index, with their names. */
  outputDims: Readonly<Record<number, string>>;
  /** How the base graph is serialised (e.g. float16 weights). */
  serialize?: SerializeOptions;
  /** metadata_props written into the model. */
  metadata?: Readonly<Record<string, string>>;
}

/** Which int64 constant inputs of which nodes become run-time sizes (from planSymbolicSizes). */
export interface SymbolicSizesPlan {
  /** Node name -> input index -> the elements of the constant it replaces. */
  readonly replacements: ReadonlyMap<string, ReadonlyMap<number, readonly Element[]>>;
}

/** One element of a size-dependent int64 constant: a constant, a * Π(input dims) + b, or -1 (Reshape infers it). */
export type Element = { kind: 'const'; value: number } | { kind: 'expr'; dims: number[]; a: number; b: number } | { kind: 'infer' };

const INT64 = 7;

function refuse(problem: string, field: string, value: unknown): EvalkitError {
  return new EvalkitError(ERROR_CODES.UNSUPPORTED, `cannot make this graph's sizes symbolic: ${problem}`, { field, value });
}

/** Non-empty subsets of `dims`, single dims first. */
function subsets(dims: readonly number[]): number[][] {
  const out: number[][] = [];
  for (let mask = 1; mask < 1 << dims.length; mask++) out.push(dims.filter((_, i) => mask & (1 << i)));
  return out.sort((x, y) => x.length - y.length);
}

/** Fits v = a·Π(dims) + b with integers a ≠ 0 and b over every build, or null. */
function fitElement(values: readonly number[], sizes: readonly (readonly number[])[], symbolic: readonly number[]): Element | null {
  for (const dims of subsets(symbolic)) {
    const p = sizes.map((s) => dims.reduce((acc, j) => acc * s[j], 1));
    const i = p.findIndex((x) => x !== p[0]);
    if (i < 0) continue;
    const a = (values[i] - values[0]) / (p[i] - p[0]);
    if (!Number.isInteger(a) || a === 0) continue;
    const b = values[0] - a * p[0];
    if (values.every((v, k) => v === a * p[k] + b)) return { kind: 'expr', dims, a, b };
  }
  return null;
}

const sameData = (x: InitializerRecord, y: InitializerRecord) =>
  x.shape.length === y.shape.length && x.shape.every((d, i) => d === y.shape[i]) && (x.data === null || y.data === null || (x.data.length === y.data.length && x.data.every((v, i) => v === y.data![i])));

/**
 * Plans how to make `base`'s input sizes symbolic. The graph builder bakes sizes into
 * int64 constants (Reshape targets, Slice ends); comparing `base` with `templates`, the same graph
 * built at other latent sizes (shapes only is enough), tells which elements depend on the size and
 * how: each becomes a·Π(input dims) + b, computed at run time from Shape/Gather/Mul/Add/Concat of the
 * input (or -1 in a Reshape target when it is the only one). A graph whose structure, attributes or
 * float constants (an attention mask over every position) change with the size is refused: no
 * rewrite of constants could make it right at every size.
 */
export function planSymbolicSizes(base: GraphBuilder, templates: readonly GraphBuilder[], options: Pick<SymbolicSizesOptions, 'inputDims'>): SymbolicSizesPlan {
  const builds = [base, ...templates];
  if (templates.length < 3) throw new RangeError('withSymbolicSizes needs at least three templates to fit and check each size-dependent constant');
  const symbolic = Object.keys(options.inputDims).map(Number);
  const sizes = builds.map((b) => b.inputs[0].shape);
  const inits = builds.map((b) => new Map(b.initializers.map((i) => [i.name, i])));
  const replacements = new Map<string, Map<number, Element[]>>();
  base.nodes.forEach((node, n) => {
    const others = templates.map((t) => t.nodes[n]);
    for (const o of others) {
      if (!o || o.opType !== node.opType || o.inputs.length !== node.inputs.length) throw refuse('its structure changes with the latent size', 'node', `${n}: ${node.name} (${node.opType})`);
      if (JSON.stringify(o.attributes) !== JSON.stringify(node.attributes)) throw refuse('an attribute changes with the latent size', `node ${node.name} (${node.opType})`, node.attributes);
    }
    node.inputs.forEach((name, k) => {
      const rec = inits[0].get(name);
      if (!rec) return;
      const recs = others.map((o, t) => inits[t + 1].get(o.inputs[k]));
      if (recs.some((r) => r === undefined)) throw refuse('its structure changes with the latent size', 'node', `${node.name} (${node.opType}) input ${k}`);
      if (rec.dtype !== 'int64') {
        if (!recs.every((r) => sameData(rec, r!))) throw refuse('a constant tensor depends on the latent size', `node ${node.name} (${node.opType}) input ${k}`, name);
        return;
      }
      const arrays = [rec, ...recs].map((r) => Array.from(r!.data as BigInt64Array, Number));
      if (arrays.some((a) => a.length !== arrays[0].length)) throw refuse('a constant tensor depends on the latent size', `node ${node.name} (${node.opType}) input ${k}`, name);
      if (arrays.every((a) => a.every((v, i) => v === arrays[0][i]))) return;
      const elements: Element[] = arrays[0].map((v, i) => {
        const values = arrays.map((a) => a[i]);
        if (values.every((x) => x === v)) return { kind: 'const', value: v };
        return fitElement(values, sizes, symbolic) ?? { kind: 'infer' };
      });
      const inferred = elements.filter((e) => e.kind === 'infer').length;
      if (inferred > 0 && !(node.opType === 'Reshape' && k === 1 && inferred === 1)) {
        throw refuse('a size-dependent constant is not a multiple of the input dims', `node ${node.name} (${node.opType}) input ${k}`, arrays.map((a) => a.join('x')));
      }
      if (!replacements.has(node.name)) replacements.set(node.name, new Map());
      replacements.get(node.name)!.set(k, elements);
    });
  });
  return { replacements };
}

/** Plans (see planSymbolicSizes) and serialises `base` with the chosen input/output dims symbolic. */
export function withSymbolicSizes(base: GraphBuilder, templates: readonly GraphBuilder[], options: SymbolicSizesOptions): Uint8Array {
  return serializeWithSymbolicSizes(base, planSymbolicSizes(base, templates, options), options);
}

/** Serialises `base` with a plan's replacements computed from the input's shape at run time. */
export function serializeWithSymbolicSizes(base: GraphBuilder, plan: SymbolicSizesPlan, options: SymbolicSizesOptions): Uint8Array {
  const { replacements } = plan;
  const model = base.toModelProto(options.serialize);
  const graph = model.graph!;
  const input = base.inputs[0].name;
  const added: onnx.INodeProto[] = [];
  const constants: onnx.ITensorProto[] = [];
  const cache = new Map<string, string>();
  const constant = (values: number[]): string => {
    const key = `c:${values.join(',')}`;
    if (!cache.has(key)) {
      const name = `symbolic_c${constants.length}`;
      const data = BigInt64Array.from(values.map(BigInt));
      constants.push(onnx.TensorProto.create({ name, dims: [values.length], dataType: INT64, rawData: new Uint8Array(data.buffer) }));
      cache.set(key, name);
    }
    return cache.get(key)!;
  };
  const node = (key: string, opType: string, inputs: string[], attribute: onnx.IAttributeProto[] = []): string => {
    if (!cache.has(key)) {
      const name = `symbolic_${added.length}_${opType.toLowerCase()}`;
      added.push(onnx.NodeProto.create({ name, opType, input: inputs, output: [name], attribute }));
      cache.set(key, name);
    }
    return cache.get(key)!;
  };
  const shape = () => node('shape', 'Shape', [input]);
  const dim = (j: number) => node(`dim:${j}`, 'Gather', [shape(), constant([j])], [onnx.AttributeProto.create({ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 })]);
  const product = (dims: number[]): string => (dims.length === 1 ? dim(dims[0]) : node(`prod:${dims.join(',')}`, 'Mul', [product(dims.slice(0, -1)), dim(dims[dims.length - 1])]));
  const element = (e: Element): string => {
    if (e.kind === 'const') return constant([e.value]);
    if (e.kind === 'infer') return constant([-1]);
    let v = product(e.dims);
    if (e.a !== 1) v = node(`mul:${e.dims.join(',')}:${e.a}`, 'Mul', [v, constant([e.a])]);
    if (e.b !== 0) v = node(`add:${e.dims.join(',')}:${e.a}:${e.b}`, 'Add', [v, constant([e.b])]);
    return v;
  };
  for (const n of graph.node ?? []) {
    const forNode = replacements.get(n.name ?? '');
    if (!forNode) continue;
    for (const [k, elements] of forNode) {
      const parts = elements.map(element);
      n.input![k] = node(`concat:${parts.join(',')}`, 'Concat', parts, [onnx.AttributeProto.create({ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 })]);
    }
  }
  // The computed sizes depend only on the graph input, so they can all come first (topological order).
  graph.node = [...added, ...(graph.node ?? [])];
  graph.initializer = [...(graph.initializer ?? []), ...constants];
  graph.valueInfo = [];
  const rename = (info: onnx.IValueInfoProto | undefined, dims: Readonly<Record<number, string>>) => {
    const shapeDims = info?.type?.tensorType?.shape?.dim ?? [];
    for (const [j, name] of Object.entries(dims)) if (shapeDims[Number(j)]) shapeDims[Number(j)] = onnx.TensorShapeProto.Dimension.create({ dimParam: name });
  };
  rename(graph.input?.[0], options.inputDims);
  rename(graph.output?.[0], options.outputDims);
  for (const [key, value] of Object.entries(options.metadata ?? {})) model.metadataProps = [...(model.metadataProps ?? []), onnx.StringStringEntryProto.create({ key, value })];
  return onnx.ModelProto.encode(model).finish();
}
