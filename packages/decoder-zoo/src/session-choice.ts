import type { ZooModelName } from './registry';

/**
 * The onnxruntime session options the zoo runs one decoder with, chosen per model by measurement
 * (`tools/bench/choose-session-options.ts`: every candidate in its own process, timed interleaved
 * against onnxruntime's defaults with paired-bootstrap intervals). null leaves onnxruntime's default.
 * Thread count is not here: it is the machine's (--threads), not the model's.
 */
export interface ZooSessionChoice {
  /** onnxruntime's graph optimisation level. */
  graphOptimizationLevel: 'disabled' | 'basic' | 'extended' | 'all';
  /** Intra-op threads spin while waiting for work (onnxruntime default: on). */
  allowSpinning: boolean | null;
  /** onnxruntime's CPU memory arena (default: on). */
  cpuMemArena: boolean | null;
  /** onnxruntime's memory pattern planning (default: on). */
  memPattern: boolean | null;
  /** Why: the measurement the choice rests on, in one line. */
  evidence: string;
}

const DEFAULTS_KEPT = 'no candidate was faster than onnxruntime\'s defaults (level all) with its interval above 1.0';

/** Per-model choices; see ZooSessionChoice. */
const CHOICES: Record<ZooModelName, ZooSessionChoice> = {
  'turbo-vaed-hunyuan': { graphOptimizationLevel: 'all', allowSpinning: null, cpuMemArena: null, memPattern: null, evidence: DEFAULTS_KEPT },
  'turbo-vaed-cog': { graphOptimizationLevel: 'all', allowSpinning: null, cpuMemArena: null, memPattern: null, evidence: DEFAULTS_KEPT },
  'turbo-vaed-ltx': { graphOptimizationLevel: 'all', allowSpinning: null, cpuMemArena: null, memPattern: null, evidence: DEFAULTS_KEPT },
  'turbo-vaed-dc': { graphOptimizationLevel: 'all', allowSpinning: null, cpuMemArena: null, memPattern: null, evidence: DEFAULTS_KEPT },
  hunyuanvideo: { graphOptimizationLevel: 'all', allowSpinning: null, cpuMemArena: null, memPattern: null, evidence: DEFAULTS_KEPT },
  cogvideox: { graphOptimizationLevel: 'all', allowSpinning: null, cpuMemArena: null, memPattern: null, evidence: DEFAULTS_KEPT },
  'ltx-video-0.9.0': { graphOptimizationLevel: 'all', allowSpinning: null, cpuMemArena: null, memPattern: null, evidence: DEFAULTS_KEPT },
  'wan-2.1': { graphOptimizationLevel: 'all', allowSpinning: null, cpuMemArena: null, memPattern: null, evidence: DEFAULTS_KEPT },
};

/** The session options the zoo runs `name` with (a copy). */
export function zooSessionChoice(name: ZooModelName): ZooSessionChoice {
  return { ...CHOICES[name] };
}
