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
  /**
   * onnxruntime's intra-op threads spin while they wait for work (default on: lowest latency on an idle
   * machine). Off gives the cores back at once, which wins when other processes share them.
   */
  allowSpinning?: boolean;
  /** Label used in error messages when the model came as bytes (a file path, a zoo name). */
  source?: string;
}

/** The session options a decode ran with, as result documents record them (null: onnxruntime's default). */
export interface SessionSettings {
  executionProvider: string;
  threads: number | null;
  graphOptimizationLevel: GraphOptimizationLevel;
  allowSpinning: boolean | null;
  cpuMemArena: boolean | null;
  memPattern: boolean | null;
}

/** What `options` asks onnxruntime for, defaults named (see SessionSettings). */
export function sessionSettings(options: DecoderSessionOptions): SessionSettings {
  return {
    executionProvider: (options.executionProvider ?? 'cpu').toLowerCase(),
    threads: options.threads ?? null,
    graphOptimizationLevel: options.graphOptimizationLevel ?? 'all',
    allowSpinning: options.allowSpinning ?? null,
    cpuMemArena: options.cpuMemArena ?? null,
    memPattern: options.memPattern ?? null,
  };
}

/** The session options a model asks for by default (the zoo's per-model choice): the ones a caller may leave unset. */
export type SessionDefaults = Pick<DecoderSessionOptions, 'graphOptimizationLevel' | 'allowSpinning' | 'cpuMemArena' | 'memPattern'>;

/**
 * `options` with each option it leaves unset taken from `defaults` (a model's choice): what the caller
 * says wins, an undefined field does not erase a default.
 */
export function withSessionDefaults<T extends DecoderSessionOptions>(options: T, defaults: SessionDefaults | undefined): T {
  if (defaults === undefined) return options;
  const merged: T = { ...options };
  for (const key of ['graphOptimizationLevel', 'allowSpinning', 'cpuMemArena', 'memPattern'] as const) {
    if (merged[key] === undefined && defaults[key] !== undefined) (merged as DecoderSessionOptions)[key] = defaults[key] as never;
  }
  return merged;
}

/** A zoo ZooSessionChoice (null: onnxruntime's default) as SessionDefaults. */
export function sessionDefaultsOf(choice: { graphOptimizationLevel: GraphOptimizationLevel; allowSpinning: boolean | null; cpuMemArena: boolean | null; memPattern: boolean | null }): SessionDefaults {
  return {
    graphOptimizationLevel: choice.graphOptimizationLevel,
    ...(choice.allowSpinning !== null ? { allowSpinning: choice.allowSpinning } : {}),
    ...(choice.cpuMemArena !== null ? { cpuMemArena: choice.cpuMemArena } : {}),
    ...(choice.memPattern !== null ? { memPattern: choice.memPattern } : {}),
  };
}

/**
 * What a tiled decode runs with unless told otherwise: it runs one session many times, and
 * onnxruntime's memory pattern would hold a second, pattern-sized block beside the arena (~650
 * instead of ~400 bytes per tile voxel), while the arena itself keeps the blocks of every tile it
 * has seen. Turbo-VAED-Hunyuan x0.25, 17x720x1280 in 8 tiles (2026-11-29): peak RSS 3214 MB with the
 * arena, 2253 MB without.
 */
export const TILED_SESSION_DEFAULTS: SessionDefaults = { memPattern: false, cpuMemArena: false };
