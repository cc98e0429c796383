import type { Shape5 } from './shape';

/** A named benchmark shape. */
export interface PresetShape {
  label: string;
  shape: Shape5;
  /** Where the shape comes from. */
  source: string;
}

/** A preset: shapes plus timing defaults sized so the preset finishes in reasonable time. */
export interface Preset {
  name: string;
  shapes: PresetShape[];
  /** Time budget per timed task, ms (--max-time). */
  timeBudgetMs: number;
  /** Samples always taken per task (--min-runs). */
  minSamples: number;
  /** Samples never exceeded per task (--max-runs). */
  maxSamples: number;
}

// Turbo-VAED-Hunyuan's up1 upsampler input: up0 has no upsampler, so up1 sees the latent grid
// (output / 8 in space, 5 latent frames for 17 output frames) with 256 channels after its 512->256
// ResBlock (configs/Turbo-VAED-Hunyuan.json, via /work/shared/design/decoders.md).
const up1 = (height: number, width: number): Shape5 => ({ n: 1, c: 256, t: 5, h: height / 8, w: width / 8 });

/** The presets `evalkit bench kernels --preset` knows. */
export const PRESETS: Record<string, Preset> = {
  smoke: {
    name: 'smoke',
    shapes: [{ label: 'smoke', shape: { n: 1, c: 8, t: 2, h: 8, w: 8 }, source: 'tiny shape for a quick end-to-end check' }],
    timeBudgetMs: 50,
    minSamples: 5,
    maxSamples: 200,
  },
  paper: {
    name: 'paper',
    shapes: [
      { label: 'up1@256x256', shape: up1(256, 256), source: 'Turbo-VAED-Hunyuan up1 input, 256x256 output, 17 frames' },
      { label: 'up1@512x512', shape: up1(512, 512), source: 'Turbo-VAED-Hunyuan up1 input, 512x512 output, 17 frames' },
      { label: 'up1@1280x720', shape: { n: 1, c: 256, t: 5, h: 90, w: 160 }, source: 'Turbo-VAED-Hunyuan up1 input, 1280x720 output, 17 frames' },
    ],
    timeBudgetMs: 2000,
    minSamples: 3,
    maxSamples: 50,
  },
};
