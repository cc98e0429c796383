// @evalkit/codec: the embedded video codec (whitened block PCA: fit, encode, ONNX decoder graph, weights).
export { CODEC_SPEC, codecOutputFrames } from './codec-spec';
export type { CodecWeights } from './codec-spec';
export { fitBlockPca, encodeWithCodec, decodeWithCodecReference, videoToBlocks, checkCodecVideo } from './block-pca';
export { buildCodecDecoderGraph } from './codec-graph';
export { jacobiEigen } from './jacobi-eigen';
export type { SymmetricEigen } from './jacobi-eigen';
export { topEigenpairs } from './top-eigenpairs';
export { readCodecWeights, writeCodecWeights, DEFAULT_CODEC_WEIGHTS } from './io/codec-weights-file';
