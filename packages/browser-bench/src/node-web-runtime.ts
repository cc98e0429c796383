import type { GraphSessionFactory } from '@evalkit/kernel-bench';
import { webSessionFactory, type OrtWebModule } from './web-session';

/** onnxruntime-web's WebAssembly backend inside Node.js, for a same-machine native-vs-wasm comparison. */
export interface NodeWebRuntime {
  createSession: GraphSessionFactory;
  /** onnxruntime-web's version (env.versions.web). */
  version: string;
}

/**
 * Loads onnxruntime-web's Node.js build and opens kernel-bench sessions on its wasm backend with
 * `threads` threads (a process-wide setting there, fixed before the first session).
 */
export async function loadNodeWebRuntime(threads: number): Promise<NodeWebRuntime> {
  const ort = (await import('onnxruntime-web')) as unknown as OrtWebModule;
  ort.env.wasm.numThreads = threads;
  ort.env.logLevel = 'error';
  return { createSession: webSessionFactory(ort, 'wasm'), version: ort.env.versions.web ?? 'unknown' };
}
