// Public API of @evalkit/onnx-graph. Other packages code against these names: add, never rename.
export { GraphBuilder } from './graph-builder';
export type { Value, InitializerRecord, ParameterRequest, WeightSource } from './graph-builder';
export { SeededRandom } from './prng';
export { conv, convTranspose } from './ops/conv';
export { frameConv3d } from './ops/frame-conv';
export type { FrameConvOptions } from './ops/frame-conv';
export { reshape, transpose, slice, pad, concat, depthToSpace, resize } from './ops/layout';
export { add, mul, div, relu, silu, softmax, matmul } from './ops/elementwise';
export { rmsNormChannels, layerNormChannels, groupNorm } from './ops/norms';
export { selfAttention } from './ops/attention';
export { writeOnnxFile } from './io/write-onnx';
export { inspectOnnx } from './io/inspect-onnx';
export type { OnnxValueInfo } from './io/inspect-onnx';
export { planSymbolicSizes, serializeWithSymbolicSizes } from './io/symbolic-sizes';
export type { SymbolicSizesPlan } from './io/symbolic-sizes';
