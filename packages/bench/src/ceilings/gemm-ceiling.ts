import type * as Ort from 'onnxruntime-node';
import { mulberry32 } from '@evalkit/core';
import { GraphBuilder, matmul } from '@evalkit/onnx-graph';

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

/**
 * Times square float32 MatMuls in onnxruntime (each size: one warm-up, then `repeats` runs) and keeps
 * the fastest: a ceiling is the best the device did, not its median, since a busy neighbour only
 * ever slows samples down. Several sizes, because the GEMM kernel's best blocking depends on size.
 */
export async function measureGemmCeiling(options: { threads: number; sizes?: number[]; repeats?: number }): Promise<GemmCeiling> {
  const ort: typeof Ort = await import('onnxruntime-node');
  const sizes = options.sizes ?? [512, 1024, 2048];
  const repeats = options.repeats ?? 5;
  const perSize: number[] = [];
  for (const n of sizes) {
    const g = new GraphBuilder({ name: `gemm-${n}`, seed: 1 });
    const a = g.input('x', [n, n]);
    const y = matmul(g, a, g.floatTensor('b', [n, n], randomData(n * n, 2)));
    g.output(y);
    const session = await ort.InferenceSession.create(g.toBytes(), { executionProviders: ['cpu'], intraOpNumThreads: options.threads, interOpNumThreads: 1, graphOptimizationLevel: 'all', logSeverityLevel: 3 });
    try {
      const feeds = { x: new ort.Tensor('float32', randomData(n * n, 3), [n, n]) };
      const fetches = { [y.name]: new ort.Tensor('float32', new Float32Array(n * n), [n, n]) };
      await session.run(feeds, fetches);
      let best = Infinity;
      for (let r = 0; r < repeats; r++) {
        const t0 = process.hrtime.bigint();
        await session.run(feeds, fetches);
        best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
      }
      perSize.push((2 * n ** 3) / (best / 1000) / 1e9);
    } finally {
      await session.release();
    }
  }
  const i = perSize.indexOf(Math.max(...perSize));
  return { gflops: perSize[i], bestSize: sizes[i], sizes, repeats, threads: options.threads, perSize };
}
