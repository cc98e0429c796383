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

/** Where and how the choices below were measured (`choose-session-options.ts --min-runs 6 --max-runs 16 --max-time 45 --split wan-2.1,hunyuanvideo,cogvideox`). */
const MEASURED_ON = '17x64x64 output, seeded full-width graphs, 2 threads, idle 2-core AMD EPYC (Zen 4) VM, 2026-11-29';

/** onnxruntime's defaults, kept because no candidate was faster: `ratios` are each candidate's speed over the defaults with its paired 95% interval. */
function defaultsKept(ratios: string): ZooSessionChoice {
  return { graphOptimizationLevel: 'all', allowSpinning: null, cpuMemArena: null, memPattern: null, evidence: `defaults kept, no candidate faster with its interval above 1.0 (${MEASURED_ON}): ${ratios}` };
}

/** Per-model choices; see ZooSessionChoice. */
const CHOICES: Record<ZooModelName, ZooSessionChoice> = {
  'turbo-vaed-hunyuan': defaultsKept('extended 0.70x [0.66, 0.72], arena off 0.99x [0.91, 1.07], pattern off 1.00x [0.92, 1.12], spin off 0.97x [0.89, 1.08]'),
  'turbo-vaed-cog': defaultsKept('extended 0.67x [0.65, 0.71], arena off 0.91x [0.81, 0.99], pattern off 0.99x [0.93, 1.02], spin off 0.97x [0.89, 1.00]'),
  'turbo-vaed-ltx': defaultsKept('extended 0.78x [0.74, 0.87], arena off 1.02x [0.95, 1.12], pattern off 0.97x [0.89, 1.11], spin off 0.96x [0.90, 1.07]'),
  'turbo-vaed-dc': defaultsKept('extended 0.77x [0.71, 0.82], arena off 1.02x [0.95, 1.10], pattern off 0.98x [0.91, 1.05], spin off 0.94x [0.88, 1.01]'),
  hunyuanvideo: defaultsKept('extended 0.86x [0.77, 0.90], arena off 0.96x [0.76, 1.04], pattern off 0.99x [0.92, 1.13], spin off 0.97x [0.89, 0.99]'),
  cogvideox: defaultsKept('extended 0.83x [0.81, 0.92], arena off 0.94x [0.87, 1.09], pattern off 1.02x [0.98, 1.06], spin off 0.97x [0.81, 1.00]'),
  'ltx-video-0.9.0': defaultsKept('extended 0.93x [0.85, 1.00], arena off 0.98x [0.88, 1.02], pattern off 1.05x [0.82, 1.09], spin off 0.97x [0.86, 1.03]'),
  'wan-2.1': defaultsKept('extended 0.86x [0.80, 0.95], arena off 0.99x [0.95, 1.09], pattern off 1.05x [0.91, 1.42], spin off 1.02x [0.81, 1.36]'),
};

/** The session options the zoo runs `name` with (a copy). */
export function zooSessionChoice(name: ZooModelName): ZooSessionChoice {
  return { ...CHOICES[name] };
}
