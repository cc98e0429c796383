import { onnx } from 'onnx-proto';
import { ERROR_CODES, EvalkitError } from '@evalkit/core';

/** A graph input or output as the file declares it: element type and dims (a string is a symbolic dim). */
export interface OnnxValueInfo {
  name: string;
  /** "float32", "float16", "int64", ... or "non-tensor" (sequences, maps) or "unknown". */
  type: string;
  /** Declared dims; a string is symbolic (dim_param), null unknown; [] when the file declares no shape. */
  shape: (number | string | null)[];
  /** Whether the file declares a shape at all (a scalar and an unknown shape both have shape []). */
  hasShape: boolean;
}

/** What an ONNX file declares, read without running it. */
export interface OnnxFileSummary {
  /** Graph inputs that are fed at run time (initializers listed as inputs, as IR < 4 files do, are left out). */
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  /**
   * Elements of the floating-point initializers (the learnable parameters as exporters store them),
   * leaving out those used only as settings (Resize/Upsample scales, Pad values, Clip bounds).
   */
  params: number;
  /** Number of initializers of any type. */
  initializers: number;
  /** Opset per domain ("" is the default ONNX domain). */
  opsets: Record<string, number>;
  producer: string;
}

/** TensorProto.DataType codes to the names onnxruntime uses. */
const ELEM_TYPES: Record<number, string> = {
  1: 'float32',
  2: 'uint8',
  3: 'int8',
  4: 'uint16',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  10: 'float16',
  11: 'float64',
  12: 'uint32',
  13: 'uint64',
  16: 'bfloat16',
};
/** float, float16, double, bfloat16 and the float8 family (17-20). */
const FLOAT_TYPES = new Set([1, 10, 11, 16, 17, 18, 19, 20]);

/**
 * Float inputs that are settings, not learned weights: Resize roi/scales, Upsample scales, Pad's
 * constant value, Clip's bounds. An initializer used only there is not counted as a parameter.
 */
const SETTING_INPUTS: Record<string, readonly number[]> = { Resize: [1, 2], Upsample: [1], Pad: [2], Clip: [1, 2] };

const toNumber = (v: number | { toNumber(): number } | null | undefined): number => (v === null || v === undefined ? 0 : typeof v === 'number' ? v : v.toNumber());

function valueInfo(v: onnx.IValueInfoProto): OnnxValueInfo {
  const tensor = v.type?.tensorType;
  if (!tensor) return { name: v.name ?? '', type: v.type ? 'non-tensor' : 'unknown', shape: [], hasShape: false };
  const dims = tensor.shape?.dim ?? [];
  return {
    name: v.name ?? '',
    type: ELEM_TYPES[tensor.elemType ?? 0] ?? `type ${tensor.elemType ?? 0}`,
    // protobufjs fills absent oneof fields with defaults, so look at which one is set.
    shape: dims.map((d) => (d.dimParam ? d.dimParam : d.dimValue !== null && d.dimValue !== undefined && toNumber(d.dimValue) > 0 ? toNumber(d.dimValue) : null)),
    hasShape: tensor.shape !== null && tensor.shape !== undefined,
  };
}

/**
 * Reads what an ONNX model declares (inputs, outputs, parameter count, opsets) from its bytes, without
 * onnxruntime. Bytes that are not an ONNX model (protobuf that does not decode, or no graph) are an
 * EVK_INVALID_INPUT error naming `source`.
 */
export function inspectOnnx(bytes: Uint8Array, source: string): OnnxFileSummary {
  let model: onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `not an ONNX model: the protobuf does not decode (${(error as Error).message})`, { file: source }, { cause: error });
  }
  // Protobuf decodes many non-ONNX byte strings "successfully" into empty messages; a model must have a graph with nodes or outputs.
  if (!model.graph || ((model.graph.node ?? []).length === 0 && (model.graph.output ?? []).length === 0) || toNumber(model.irVersion) <= 0) {
    throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'not an ONNX model: it holds no graph (or no IR version)', { file: source });
  }
  const graph = { input: model.graph.input ?? [], output: model.graph.output ?? [], initializer: model.graph.initializer ?? [] };
  const initializerNames = new Set(graph.initializer.map((t) => t.name ?? ''));
  const usedAsWeight = new Set<string>();
  for (const node of model.graph.node ?? []) {
    const settings = SETTING_INPUTS[node.opType ?? ''] ?? [];
    (node.input ?? []).forEach((name, i) => {
      if (!settings.includes(i)) usedAsWeight.add(name);
    });
  }
  let params = 0;
  for (const t of graph.initializer) {
    if (!FLOAT_TYPES.has(t.dataType ?? 0) || !usedAsWeight.has(t.name ?? '')) continue;
    let n = 1;
    for (const d of t.dims ?? []) n *= toNumber(d);
    params += n;
  }
  const opsets: Record<string, number> = {};
  for (const o of model.opsetImport ?? []) opsets[o.domain ?? ''] = toNumber(o.version);
  return {
    inputs: graph.input.filter((i) => !initializerNames.has(i.name ?? '')).map(valueInfo),
    outputs: graph.output.map(valueInfo),
    params,
    initializers: graph.initializer.length,
    opsets,
    producer: [model.producerName, model.producerVersion].filter(Boolean).join(' '),
  };
}
