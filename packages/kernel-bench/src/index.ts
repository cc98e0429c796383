// Public API of @evalkit/kernel-bench.
export { parseShape, shapeLabel } from './shape';
export type { BuiltGraph } from './onnx-sink';
export type { GraphSession, GraphSessionFactory } from './onnx-session';
export { VARIANTS, selectVariants } from './variants';
export { PRESETS } from './presets';
export { measureCeilings } from './ceilings';
export { runKernelBench, addCeilingFractions } from './run-kernel-bench';
export type { BenchShape } from './run-kernel-bench';
export type { KernelRow, Ceilings } from './result-row';
