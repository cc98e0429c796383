// @evalkit/codec: the embedded video codec (whitened block PCA: fit, encode, ONNX decoder graph, weights).
export { CODEC_SPEC } from './codec-spec';
export { fitBlockPca, encodeWithCodec, decodeWithCodecReference } from './block-pca';
export { buildCodecDecoderGraph } from './codec-graph';
export { readCodecWeights, writeCodecWeights, DEFAULT_CODEC_WEIGHTS } from './io/codec-weights-file';
