import type * as Ort from 'onnxruntime-node';
import type { BuiltGraph } from './onnx-sink';

type OrtModule = typeof Ort;
let ortModule: Promise<OrtModule> | undefined;

/** Loads onnxruntime-node once (lazily, so importing this package stays cheap). */
export function loadOrt(): Promise<OrtModule> {
  ortModule ??= import('onnxruntime-node');
  return ortModule;
}

/** A CPU session for one built graph with a preallocated output tensor it fills in place. */
export interface GraphSession {
  /** Runs on `input` (NCTHW data), writing into the preallocated output; returns that output's data. */
  run(input: Float32Array): Promise<Float32Array>;
  release(): Promise<void>;
}

/**
 * Opens a GraphSession for a built graph with `threads` threads. The benchmark takes one so the same
 * variants, graphs and checks run on any onnxruntime: onnxruntime-node here, onnxruntime-web in a page.
 */
export type GraphSessionFactory = (graph: BuiltGraph, threads: number) => Promise<GraphSession>;

/** Creates an onnxruntime-node CPU session with `threads` intra-op threads and full graph optimisation. */
export async function createGraphSession(graph: BuiltGraph, threads: number): Promise<GraphSession> {
  const ort = await loadOrt();
  const session = await ort.InferenceSession.create(graph.bytes, {
    executionProviders: ['cpu'],
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3,
  });
  const outLength = graph.outputDims.reduce((a, b) => a * b, 1);
  const out = new ort.Tensor('float32', new Float32Array(outLength), graph.outputDims);
  let feedTensor: Ort.Tensor | undefined;
  let feedData: Float32Array | undefined;
  return {
    async run(input: Float32Array): Promise<Float32Array> {
      // Reuse the input tensor wrapper across runs: creating one per call would be timed too.
      if (feedData !== input) {
        feedTensor = new ort.Tensor('float32', input, graph.inputDims);
        feedData = input;
      }
      await session.run({ x: feedTensor! }, { [graph.outputName]: out });
      return out.data as Float32Array;
    },
    release: () => session.release(),
  };
}
