import { ERROR_CODES, EvalkitError, paperFps, paperGpuSpeedup, type TurboVaedPaper } from '@evalkit/core';
import { ZOO_PAIRS } from '@evalkit/decoder-zoo';
import { PRESETS, selectVariants, VARIANTS } from '@evalkit/kernel-bench';
import type { SamplingOptions } from '@evalkit/bench/statistics';
import type { BrowserBenchPlan, KernelPlan } from './plan';
import type { DecoderAssets } from './server/decoder-assets';
import { WEB_BACKENDS, type WebBackend } from './backends';

/** Inputs of buildPlan: the command's settings. */
export interface PlanOptions {
  tool: BrowserBenchPlan['tool'];
  backends: readonly string[];
  /** Backends the decoders run on (default: every backend). */
  decoderBackends?: readonly string[];
  threads: number | null;
  /** Kernel preset name, or null to skip kernels. */
  preset: string | null;
  variants?: readonly string[];
  timeBudgetMs?: number;
  minSamples?: number;
  warmup: number;
  seed: number;
  decoders: DecoderAssets | null;
  decoderSettings: { height: number; width: number; frames: number; sampling: SamplingOptions; widthMult: number; seed: number };
  /** The Turbo-VAED paper's values (core's readPaperValues().turboVaed), joined into the plan the page writes its documents from. */
  paper?: TurboVaedPaper | null;
}

// Ceilings in a page: a 64 MiB copy and a MatMul small enough for a phone (and SwiftShader) to
// repeat in seconds; the paper preset's larger MatMul keeps big GEMM kernels in their regime.
const PAGE_CEILINGS: Record<string, KernelPlan['ceiling']> = {
  smoke: { memcpyBytes: 64 * 2 ** 20, matmulSize: 256, timeBudgetMs: 300 },
  paper: { memcpyBytes: 64 * 2 ** 20, matmulSize: 1024, timeBudgetMs: 1000 },
};

/** Checks the settings and turns them into the plan the page runs. */
export function buildPlan(o: PlanOptions): BrowserBenchPlan {
  for (const b of [...o.backends, ...(o.decoderBackends ?? [])]) {
    if (!(WEB_BACKENDS as readonly string[]).includes(b)) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `unknown backend (known: ${WEB_BACKENDS.join(', ')})`, { field: '--backends', value: b });
  }
  let kernels: KernelPlan | null = null;
  if (o.preset !== null) {
    const preset = PRESETS[o.preset];
    if (!preset) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `unknown preset (known: ${Object.keys(PRESETS).join(', ')})`, { field: '--preset', value: o.preset });
    let variants: string[];
    try {
      variants = selectVariants(o.variants ?? VARIANTS.map((v) => v.id)).map((v) => v.id);
    } catch (error) {
      throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `unknown variant (known: ${VARIANTS.map((v) => v.id).join(', ')})`, { field: '--variants', value: (error as Error).message });
    }
    kernels = {
      preset: preset.name,
      variants,
      shapes: preset.shapes.map((s) => ({ label: s.label, shape: s.shape })),
      timeBudgetMs: o.timeBudgetMs ?? preset.timeBudgetMs,
      minSamples: o.minSamples ?? preset.minSamples,
      warmup: o.warmup,
      seed: o.seed,
      ceiling: PAGE_CEILINGS[preset.name] ?? PAGE_CEILINGS.paper,
    };
  }
  const models = o.decoders?.assets ?? [];
  const names = new Set(models.map((m) => m.model));
  return {
    tool: o.tool,
    backends: [...new Set(o.backends)] as WebBackend[],
    threads: o.threads,
    kernels,
    decoders: models.length
      ? {
          models,
          ...o.decoderSettings,
          backends: [...new Set(o.decoderBackends ?? o.backends)] as WebBackend[],
          pairs: ZOO_PAIRS.filter((p) => names.has(p.baseline) && names.has(p.turbo)).map((p) => ({ baseline: p.baseline, turbo: p.turbo, paperGpuSpeedup: paperGpuSpeedup(o.paper ?? null, p.baseline, p.turbo) })),
          paperFps: Object.fromEntries(models.flatMap((m) => {
            const fps = paperFps(o.paper ?? null, m.model);
            return fps ? [[m.model, fps]] : [];
          })),
        }
      : null,
  };
}
