// Public API of @evalkit/decoder-zoo: the paper's decoders as ONNX graphs built with @evalkit/onnx-graph.
export { buildZooModel, isZooModelName, listZooModels, zooModelInfo, ZOO_PAIRS } from './registry';
export type { ZooBuild, ZooModelName } from './registry';
export { zooSessionChoice } from './session-choice';
export { latentFramesFor, zooSizesDocument } from './zoo-sizes';
export type { ZooSizeRow } from './zoo-sizes';
export { buildZooModelFromCheckpoint, inspectCheckpoint, checkpointNotes } from './checkpoint/load-checkpoint';
export { openCheckpoint } from './io/checkpoint-files';
export { assertStrictMatch } from './checkpoint/match-checkpoint';
export { exportWithSymbolicSizes, SYMBOLIC_INPUT_DIMS, SYMBOLIC_OUTPUT_DIMS } from './export/symbolic-size-export';
export type { ZooBuildSize } from './export/symbolic-size-export';
