import { GraphBuilder, matmul } from '@evalkit/onnx-graph';
import type { Ceilings } from './result-row';
import { randomTensor } from './random';
import { createGraphSession, type GraphSessionFactory } from './onnx-session';
import { timeTasks } from './tinybench-runner';

/** Sizes of the two ceiling measurements. */
export interface CeilingOptions {
  threads: number;
  /** Time budget per ceiling task, ms. */
  timeBudgetMs?: number;
  /** Bytes of the copied buffer (default 256 MiB: far beyond any cache). */
  memcpyBytes?: number;
  /** M = N = K of the MatMul (default 2048: large enough that the GEMM kernel, not overhead, sets the time). */
  matmulSize?: number;
  /** Opens the MatMul session (default: onnxruntime-node on the CPU), so a page measures its own backend. */
  createSession?: GraphSessionFactory;
}

/**
 * Measures, on this device and in this run, the two ceilings every kernel row is compared with:
 * a large Float32Array copy (TypedArray.set, i.e. memcpy, one thread; read + write bytes counted)
 * and a square float32 MatMul in onnxruntime with the benchmark's thread count (2*N^3 flops), each
 * from its fastest sample.
 */
export async function measureCeilings(options: CeilingOptions): Promise<Ceilings> {
  const bytes = options.memcpyBytes ?? 256 * 2 ** 20;
  const n = options.matmulSize ?? 2048;
  const budget = options.timeBudgetMs ?? 1000;
  const src = randomTensor(bytes / 4, 1);
  const dst = new Float32Array(bytes / 4);

  const g = new GraphBuilder({ name: 'matmul-ceiling', seed: 1 });
  const a = g.input('x', [n, n]);
  const b = g.floatTensor('b', [n, n], randomTensor(n * n, 2));
  const y = matmul(g, a, b);
  g.output(y);
  const session = await (options.createSession ?? createGraphSession)(
    { bytes: g.toBytes(), inputDims: [n, n], outputDims: [n, n], outputName: y.name, macs: n ** 3, params: 0, weights: [] },
    options.threads,
  );
  const lhs = randomTensor(n * n, 3);
  try {
    const timing = { timeBudgetMs: budget, minSamples: 5, warmupRuns: 2 };
    const results = await timeTasks(
      [
        { name: 'memcpy', fn: () => dst.set(src), async: false },
        { name: 'matmul', fn: () => session.run(lhs), async: true },
      ],
      timing,
    );
    const copy = results.get('memcpy')!;
    const mm = results.get('matmul')!;
    if (copy.state !== 'completed') throw new Error(`memcpy ceiling failed: ${copy.error}`);
    if (mm.state !== 'completed') throw new Error(`matmul ceiling failed: ${mm.error}`);
    return {
      // A ceiling is the best the device did, so the fastest sample, not the median: a busy
      // neighbour process slows some samples and would otherwise lower the ceiling.
      memcpyGBps: (2 * bytes) / (copy.stats.minMs / 1000) / 1e9,
      matmulGflops: (2 * n ** 3) / (mm.stats.minMs / 1000) / 1e9,
      memcpyBytes: bytes,
      matmulSize: n,
      threads: options.threads,
    };
  } finally {
    await session.release();
  }
}
