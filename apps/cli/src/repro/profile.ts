import { z } from 'zod';
import { readFileSync, existsSync } from 'node:fs';
import { ERROR_CODES, EvalkitError, describeValue, evalkitErrorFromZod } from '@evalkit/core';
import { MAX_FRAME_SIDE, MAX_OUTPUT_FRAMES } from '../shared/parse';

/** The steps of the main job, in the order they run. */
export const REPRO_STEP_IDS = ['zoo-sizes', 'kernel-bench', 'decoder-bench', 'codec', 'htp'] as const;

/** Settings of one `evalkit repro` run; every field has a default so a profile file may set any part. */
// The commands' own limits (shared/parse.ts), so a profile cannot ask for what the command refuses.
const side = z.number().int().positive().max(MAX_FRAME_SIDE);

export const reproProfileSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes'),
    seed: z.number().int().nonnegative(),
    /** Which steps to run (the report is always rendered from whatever documents exist). */
    steps: z.array(z.enum(REPRO_STEP_IDS)).min(1),
    zoo: z.object({ height: side, width: side }).strict(),
    kernels: z.object({ preset: z.enum(['smoke', 'paper']), timeBudgetMs: z.number().positive() }).strict(),
    decoders: z
      .object({
        pairs: z.array(z.tuple([z.string(), z.string()])).min(1),
        height: side,
        width: side,
        frames: z.number().int().positive().max(MAX_OUTPUT_FRAMES),
        widthMult: z.number().positive().max(1),
        /** Adaptive sampling per baseline/Turbo pair (see `evalkit bench decoders --help`). */
        minRuns: z.number().int().positive(),
        maxRuns: z.number().int().positive(),
        maxTimeS: z.number().positive(),
        targetCi: z.number().positive().lt(1),
        warmup: z.number().int().nonnegative(),
      })
      .strict()
      .refine((d) => d.minRuns <= d.maxRuns, { message: 'minRuns must not exceed maxRuns', path: ['maxRuns'] }),
    codec: z.object({ enabled: z.boolean() }).strict(),
    htp: z.object({ bootstrap: z.number().int().nonnegative().max(1_000_000), groupBy: z.string() }).strict(),
  })
  .strict();

/** A validated repro profile. */
export type ReproProfile = z.infer<typeof reproProfileSchema>;

const PAIRS: [string, string][] = [
  ['hunyuanvideo', 'turbo-vaed-hunyuan'],
  ['cogvideox', 'turbo-vaed-cog'],
  ['ltx-video-0.9.0', 'turbo-vaed-ltx'],
];

/** `smoke`: a quick end-to-end check that fits a 2-core laptop in minutes. */
const SMOKE_PROFILE = {
  name: 'smoke',
  seed: 20250101,
  steps: [...REPRO_STEP_IDS],
  zoo: { height: 512, width: 512 },
  kernels: { preset: 'smoke', timeBudgetMs: 100 },
  // Full-width decoders at a CPU-friendly size: speed ratios need the real channel widths. The two
  // full-width baselines are 95% of the work (17 frames: about 19 s and 24 s a decode under load,
  // 240 s for the step), so the clip is 9 frames (latent T=3, LTX T=2): both temporal upsamplers
  // still run, at about half the time, while runs stay at 3-5 interleaved rounds (12 s a pair after
  // the third) so the intervals keep meaning something. `npm start` must stay under 3 minutes on 2 cores.
  decoders: { pairs: PAIRS, height: 64, width: 64, frames: 9, widthMult: 1, minRuns: 3, maxRuns: 5, maxTimeS: 12, targetCi: 0.05, warmup: 1 },
  codec: { enabled: true },
  htp: { bootstrap: 2000, groupBy: 'grade' },
} satisfies ReproProfile;

/** The embedded profiles: `smoke`, and `paper`: the same steps at the papers' sizes (512x512, 17 frames), with more runs and resamples. */
export const EMBEDDED_PROFILES: Record<'smoke' | 'paper', ReproProfile> = {
  smoke: SMOKE_PROFILE,
  paper: {
    ...SMOKE_PROFILE,
    name: 'paper',
    kernels: { preset: 'paper', timeBudgetMs: 1000 },
    decoders: { ...SMOKE_PROFILE.decoders, height: 512, width: 512, frames: 17, minRuns: 5, maxRuns: 20, maxTimeS: 1800 },
    htp: { ...SMOKE_PROFILE.htp, bootstrap: 10000 },
  },
};

function deepMerge(base: unknown, patch: unknown): unknown {
  if (patch === undefined) return base;
  if (base && patch && typeof base === 'object' && typeof patch === 'object' && !Array.isArray(base) && !Array.isArray(patch)) {
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [k, v] of Object.entries(patch as Record<string, unknown>)) out[k] = deepMerge(out[k], v);
    return out;
  }
  return patch;
}

/**
 * Validates a profile object (a file's content merged over the profile it `extends`, smoke by
 * default). Errors name the file, the field and the value.
 */
export function validateProfile(value: unknown, source: string): ReproProfile {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'a profile must be a JSON object', { file: source, field: '(root)', value });
  }
  const { extends: base = 'smoke', ...rest } = value as Record<string, unknown>;
  if (base !== 'smoke' && base !== 'paper') {
    throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'extends must be "smoke" or "paper"', { file: source, field: 'extends', value: base });
  }
  const merged = deepMerge({ ...EMBEDDED_PROFILES[base], name: `${base}-custom` }, rest);
  const parsed = reproProfileSchema.safeParse(merged);
  if (!parsed.success) {
    throw evalkitErrorFromZod(parsed.error, merged, { file: source, code: ERROR_CODES.INVALID_INPUT, prefix: 'invalid profile: ' });
  }
  return parsed.data;
}

/** Resolves `smoke`, `paper` or a JSON profile file. */
export function loadProfile(nameOrFile: string): ReproProfile {
  if (nameOrFile === 'smoke' || nameOrFile === 'paper') return EMBEDDED_PROFILES[nameOrFile];
  if (!existsSync(nameOrFile)) {
    throw new EvalkitError(ERROR_CODES.FILE_NOT_FOUND, `no such profile file (or use "smoke" or "paper"); got ${describeValue(nameOrFile)}`, { file: nameOrFile });
  }
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(nameOrFile, 'utf8'));
  } catch (error) {
    throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `not valid JSON: ${(error as Error).message}`, { file: nameOrFile });
  }
  return validateProfile(value, nameOrFile);
}

/**
 * One paragraph saying what a profile runs and what its figures are good for, printed at the start
 * and the end of `evalkit repro`: a smoke run's timings are a check of the pipeline, not a paper's table.
 */
export function describeProfile(profile: ReproProfile): string {
  const d = profile.decoders;
  const purpose =
    profile.name === 'smoke'
      ? 'a quick end-to-end check on a laptop CPU, not figures for a paper'
      : profile.name === 'paper'
        ? "the papers' sizes (long on a CPU)"
        : 'a custom profile';
  const steps = profile.steps as string[];
  const parts = [
    ...(steps.includes('decoder-bench') ? [`decoders at ${d.widthMult === 1 ? 'full width' : `width x${d.widthMult}`}, ${d.height}x${d.width}, ${d.frames} frames, ${d.minRuns}-${d.maxRuns} interleaved runs after ${d.warmup} warm-up (at most ${d.maxTimeS} s a pair after the minimum)`] : []),
    ...(steps.includes('kernel-bench') ? [`kernels: ${profile.kernels.preset} preset, ${profile.kernels.timeBudgetMs} ms a task`] : []),
    ...(steps.includes('htp') ? [`HTP: ${profile.htp.bootstrap.toLocaleString('en-US')} bootstrap resamples`] : []),
  ];
  const advice = profile.name === 'smoke' ? ' Timings are this machine\'s at these small sizes, with few runs; for a table, run --profile paper (or bench decoders with more runs) on an idle machine.' : '';
  return `Profile ${profile.name}: ${purpose}${parts.length > 0 ? `: ${parts.join('; ')}` : ''}.${advice}`;
}
