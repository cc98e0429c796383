import type * as OrtWeb from 'onnxruntime-web';
import type { BuiltGraph, GraphSession, GraphSessionFactory } from '@evalkit/kernel-bench';

/** The onnxruntime-web module the page bundles (the "all" build: wasm, WebGPU and WebNN). */
export type OrtWebModule = typeof OrtWeb;

import type { WebBackend } from './backends';

/** Session options of one backend: WebNN needs a device type; the others take their name. */
export function executionProviders(backend: WebBackend): OrtWeb.InferenceSession.SessionOptions['executionProviders'] {
  return backend === 'webnn' ? [{ name: 'webnn', deviceType: 'gpu' }] : [backend];
}

/** Opens an onnxruntime-web session on raw model bytes with one backend and full graph optimisation. */
export function openWebSession(ort: OrtWebModule, bytes: Uint8Array, backend: WebBackend): Promise<OrtWeb.InferenceSession> {
  return ort.InferenceSession.create(bytes, { executionProviders: executionProviders(backend), graphOptimizationLevel: 'all', logSeverityLevel: 3 });
}

/**
 * kernel-bench's session contract on onnxruntime-web. Threads are a page-wide setting there
 * (`ort.env.wasm.numThreads`, fixed before the first session), so the per-call count is ignored.
 * Outputs come back on the CPU: on WebGPU each run includes the read-back, which is the cost a
 * caller of session.run pays.
 */
export function webSessionFactory(ort: OrtWebModule, backend: WebBackend): GraphSessionFactory {
  return async (graph: BuiltGraph): Promise<GraphSession> => {
    const session = await openWebSession(ort, graph.bytes, backend);
    let feedData: Float32Array | undefined;
    let feed: OrtWeb.Tensor | undefined;
    return {
      async run(input: Float32Array): Promise<Float32Array> {
        if (feedData !== input) {
          feed = new ort.Tensor('float32', input, graph.inputDims);
          feedData = input;
        }
        const out = await session.run({ x: feed! });
        const y = out[graph.outputName];
        const data = y.data as Float32Array;
        // Free GPU-side outputs now; CPU tensors have nothing to dispose.
        if (y.location !== 'cpu') y.dispose();
        return data;
      },
      release: () => session.release(),
    };
  };
}
