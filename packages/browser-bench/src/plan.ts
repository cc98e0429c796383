import type { SamplingOptions } from '@evalkit/bench/statistics';
import type { BenchShape } from '@evalkit/kernel-bench';
import type { WebBackend } from './backends';

/** The kernel part of a page's plan: the same knobs as `evalkit bench kernels`. */
export interface KernelPlan {
  preset: string;
  variants: string[];
  shapes: BenchShape[];
  timeBudgetMs: number;
  minSamples: number;
  warmup: number;
  seed: number;
  /** Ceiling sizes: smaller than the native defaults, so a phone finishes them in seconds. */
  ceiling: { memcpyBytes: number; matmulSize: number; timeBudgetMs: number };
}

/** One zoo decoder the server built, with where its graph and latents are served. */
export interface DecoderAsset {
  model: string;
  label: string;
  params: number;
  macs: number;
  latentShape: number[];
  outputShape: number[];
  /** URL path of the .onnx bytes and of the latents (raw little-endian float32). */
  modelPath: string;
  latentsPath: string;
}

/** The decoder part of a page's plan: `evalkit bench decoders`' knobs. */
export interface DecoderPlan {
  models: DecoderAsset[];
  height: number;
  width: number;
  frames: number;
  /** `bench decoders`' adaptive sampling: min/max runs, time budget, target interval, warm-up. */
  sampling: SamplingOptions;
  widthMult: number;
  seed: number;
  /** Backends the decoders run on (a subset of the plan's backends). */
  backends: WebBackend[];
  /** Baseline/Turbo pairs among the models, with the paper's GPU speedup where known. */
  pairs: { baseline: string; turbo: string; paperGpuSpeedup: number | null }[];
  /** The paper's FPS of the models it lists, by model: the page writes them into its documents. */
  paperFps: Record<string, { gpuFps: number | null; iphoneFps: number | null }>;
}

/** What the server tells the page to run (GET /api/plan). */
export interface BrowserBenchPlan {
  tool: { name: string; toolVersion: string; command: string[]; gitRevision: string | null };
  /** Backends to try; the page runs those the device offers and reports the others as absent. */
  backends: WebBackend[];
  /** WebAssembly threads; null = navigator.hardwareConcurrency when the page is cross-origin isolated. */
  threads: number | null;
  kernels: KernelPlan | null;
  decoders: DecoderPlan | null;
}
