// Public API of @evalkit/onnx-graph. Other packages code against these names: add, never rename.
export { GraphBuilder, float32ToFloat16Bits } from './graph-builder';
export type { DType, Value, AttributeValue, NodeRecord, InitializerRecord, GraphBuilderOptions, IoOptions, NodeMacs, ParameterRequest, WeightSource, SerializeOptions } from './graph-builder';
export { SeededRandom } from './prng';
export { kaimingUniformBound } from './init';
export type { ParameterInit } from './init';
export { numel, broadcastShapes, normalizeAxis } from './shape';
export type { Shape } from './shape';
export { conv, convTranspose } from './ops/conv';
export type { ConvOptions, ConvTransposeOptions } from './ops/conv';
export { reshape, transpose, slice, pad, concat, depthToSpace, resize } from './ops/layout';
export type { SliceOptions, PadOptions, DepthToSpaceOptions, ResizeOptions } from './ops/layout';
export { add, sub, mul, div, unary, relu, sigmoid, silu, softmax, matmul, linear } from './ops/elementwise';
export { rmsNormChannels, layerNormChannels, groupNorm } from './ops/norms';
export type { ChannelNormOptions, GroupNormOptions } from './ops/norms';
export { selfAttention } from './ops/attention';
export type { AttentionOptions } from './ops/attention';
export { writeOnnxFile } from './io/write-onnx';
