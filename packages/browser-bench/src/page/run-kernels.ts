import { measureCeilings, runKernelBench, selectVariants, type Ceilings, type KernelRow } from '@evalkit/kernel-bench';
import type { KernelPlan } from '../plan';
import type { WebBackend } from '../backends';
import { webSessionFactory, type OrtWebModule } from '../web-session';

/** The kernel suite of one backend: its ceilings and rows, as `bench kernels` makes them. */
export interface KernelRun {
  ceilings: Ceilings;
  rows: KernelRow[];
  config: Record<string, unknown>;
}

/**
 * Runs `bench kernels`' suite in the page: the same variants, graphs (built here by kernel-bench),
 * cross-checks against the TypeScript kernels and reference before timing, and tinybench timing;
 * only the sessions are onnxruntime-web's on `backend`.
 */
export async function runKernelsInPage(ort: OrtWebModule, backend: WebBackend, plan: KernelPlan, threads: number, onStep: (message: string) => void): Promise<KernelRun> {
  const createSession = webSessionFactory(ort, backend);
  onStep(`${backend}: ceilings (copy ${plan.ceiling.memcpyBytes / 2 ** 20} MiB, MatMul ${plan.ceiling.matmulSize}^3)`);
  const ceilings = await measureCeilings({ threads, timeBudgetMs: plan.ceiling.timeBudgetMs, memcpyBytes: plan.ceiling.memcpyBytes, matmulSize: plan.ceiling.matmulSize, createSession });
  const variants = selectVariants(plan.variants);
  const rows = await runKernelBench({
    variants,
    shapes: plan.shapes,
    threads,
    ceilings,
    seed: plan.seed,
    timeBudgetMs: plan.timeBudgetMs,
    minSamples: plan.minSamples,
    warmupRuns: plan.warmup,
    createSession,
    onStep: (m) => onStep(`${backend}: ${m}`),
  });
  const config = {
    preset: plan.preset,
    variants: variants.map((v) => v.id),
    shapes: plan.shapes.map((s) => ({ label: s.label, ...s.shape })),
    timeBudgetMs: plan.timeBudgetMs,
    minSamples: plan.minSamples,
    warmup: plan.warmup,
    threads,
    seed: plan.seed,
    runtime: 'onnxruntime-web',
    backend,
  };
  return { ceilings, rows, config };
}
