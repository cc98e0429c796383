/** onnxruntime graph optimisation levels, as onnxruntime-node names them. */
export const GRAPH_OPTIMIZATION_LEVELS = ['disabled', 'basic', 'extended', 'all'] as const;

/** One of GRAPH_OPTIMIZATION_LEVELS. */
export type GraphOptimizationLevel = (typeof GRAPH_OPTIMIZATION_LEVELS)[number];

/** How to start a decoder session. Every field is optional; defaults are onnxruntime's on the CPU. */
export interface DecoderSessionOptions {
  /** Execution provider by name ("cpu", "webgpu", "cuda", "coreml", ...). Default "cpu". */
  executionProvider?: string;
  /** Threads inside one operator (intra-op). Default: onnxruntime's choice (one per core). */
  threads?: number;
  /** Graph optimisation level. Default "all". */
  graphOptimizationLevel?: GraphOptimizationLevel;
  /** Write onnxruntime's Chrome-trace profile to this file when the session is released. */
  profilePath?: string;
  /** onnxruntime's CPU memory arena (default on). Off returns buffers to the system between runs, lowering the peak of tiled decodes. */
  cpuMemArena?: boolean;
  /** onnxruntime's memory pattern (default on): after the first run it allocates one block for the whole pattern, on top of what the arena already holds. */
  memPattern?: boolean;
  /** Label used in error messages when the model came as bytes (a file path, a zoo name). */
  source?: string;
}
