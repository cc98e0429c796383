import type * as Ort from 'onnxruntime-node';
import { mulberry32 } from '@evalkit/core';
import { GraphBuilder, matmul } from '@evalkit/onnx-graph';

/** A session that runs one n×n MatMul graph on its input (another onnxruntime, e.g. onnxruntime-web). */
export type GemmSessionFactory = (graph: { bytes: Uint8Array; n: number; outputName: string }, threads: number) => Promise<{ run(input: Float32Array): Promise<unknown>; release(): Promise<void> }>;

/** The best GEMM this device ran, over several sizes and repeats. */
export interface GemmCeiling {
  gflops: number;
  /** M = N = K of the fastest run. */
  bestSize: number;
  sizes: number[];
  repeats: number;
  threads: number;
  /** Best GFLOP/s per size, in `sizes` order. */
  perSize: number[];
}

function randomData(n: number, seed: number): Float32Array {
  const rng = mulberry32(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng() * 2 - 1;
  return out;
}

/** An onnxruntime-node CPU session with a preallocated output (the default). */
const nodeGemmSession: GemmSessionFactory = async ({ bytes, n, outputName }, threads) => {
  const ort: typeof Ort = await import('onnxruntime-node');
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['cpu'], intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all', logSeverityLevel: 3 });
  const fetches = { [outputName]: new ort.Tensor('float32', new Float32Array(n * n), [n, n]) };
  let feeds: { x: Ort.Tensor } | null = null;
  let fed: Float32Array | null = null;
  return {
    run: (input) => {
      if (fed !== input) {
        feeds = { x: new ort.Tensor('float32', input, [n, n]) };
        fed = input;
      }
      return session.run(feeds!, fetches);
    },
    release: () => session.release(),
  };
};

/**
 * Times square float32 MatMuls in onnxruntime (each size: one warm-up, then `repeats` runs) and keeps
 * the fastest: a ceiling is the best the device did, not its median, since a busy neighbour only
 * ever slows samples down. Several sizes, because the GEMM kernel's best blocking depends on size.
 */
export async function measureGemmCeiling(options: { threads: number; sizes?: number[]; repeats?: number; createSession?: GemmSessionFactory }): Promise<GemmCeiling> {
  const sizes = options.sizes ?? [512, 1024, 2048];
  const repeats = options.repeats ?? 5;
  const perSize: number[] = [];
  for (const n of sizes) {
    const g = new GraphBuilder({ name: `gemm-${n}`, seed: 1 });
    const a = g.input('x', [n, n]);
    const y = matmul(g, a, g.floatTensor('b', [n, n], randomData(n * n, 2)));
    g.output(y);
    const session = await (options.createSession ?? nodeGemmSession)({ bytes: g.toBytes(), n, outputName: y.name }, options.threads);
    try {
      const input = randomData(n * n, 3);
      await session.run(input);
      let best = Infinity;
      for (let r = 0; r < repeats; r++) {
        const t0 = performance.now();
        await session.run(input);
        best = Math.min(best, performance.now() - t0);
      }
      perSize.push((2 * n ** 3) / (best / 1000) / 1e9);
    } finally {
      await session.release();
    }
  }
  const i = perSize.indexOf(Math.max(...perSize));
  return { gflops: perSize[i], bestSize: sizes[i], sizes, repeats, threads: options.threads, perSize };
}
