// Public API of @evalkit/decoder-zoo: the paper's decoders as ONNX graphs built with @evalkit/onnx-graph.
export { buildZooModel, isZooModelName, listZooModels, zooModelInfo, ZOO_PAIRS } from './registry';
export type { ZooBuild, ZooBuildOptions, ZooModelInfo, ZooModelName } from './registry';
export { decoupledPixelShuffle3d, framePixelShuffle, rank8PixelShuffle3d, rank8ToDecoupledChannel } from './blocks/pixel-shuffle';
export type { ShuffleStride } from './blocks/pixel-shuffle';
export { paddedConv3d, pointwiseConv3d } from './blocks/padded-conv';
export type { PaddedConvOptions, TimePadding } from './blocks/padded-conv';
export { frameCausalMask } from './blocks/causal-mask';
export { scaleChannels, scaledGroups } from './blocks/width';
export { TURBO_DC, TURBO_HUNYUAN, TURBO_LTX, turboOutputFrames } from './models/turbo-vaed';
export type { TurboConfig, TurboUpStage } from './models/turbo-vaed';
export { causalTimeUpsample } from './blocks/causal-time-upsample';
export { WAN_21, wanOutputFrames, wanUpStages } from './models/wan21-vae';
export type { WanConfig, WanUpStage } from './models/wan21-vae';
