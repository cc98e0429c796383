import { z } from 'zod';
import { readFileSync, existsSync } from 'node:fs';
import { ERROR_CODES, EvalkitError, describeValue, evalkitErrorFromZod } from '@evalkit/core';

/** The steps of the main job, in the order they run. */
export const REPRO_STEP_IDS = ['zoo-sizes', 'kernel-bench', 'decoder-bench', 'codec', 'htp'] as const;

/** Settings of one `evalkit repro` run; every field has a default so a profile file may set any part. */
export const reproProfileSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes'),
    seed: z.number().int().nonnegative(),
    /** Which steps to run (the report is always rendered from whatever documents exist). */
    steps: z.array(z.enum(REPRO_STEP_IDS)).min(1),
    zoo: z.object({ height: z.number().int().positive(), width: z.number().int().positive() }).strict(),
    kernels: z.object({ preset: z.enum(['smoke', 'paper']), timeBudgetMs: z.number().positive() }).strict(),
    decoders: z
      .object({
        pairs: z.array(z.tuple([z.string(), z.string()])).min(1),
        height: z.number().int().positive(),
        width: z.number().int().positive(),
        frames: z.number().int().positive(),
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
    htp: z.object({ bootstrap: z.number().int().nonnegative(), groupBy: z.string() }).strict(),
  })
  .strict();

/** A validated repro profile. */
export type ReproProfile = z.infer<typeof reproProfileSchema>;

const PAIRS: [string, string][] = [
  ['hunyuanvideo', 'turbo-vaed-hunyuan'],
  ['cogvideox', 'turbo-vaed-cog'],
  ['ltx-video-0.9.0', 'turbo-vaed-ltx'],
];

/** The embedded profiles: `smoke` fits a 2-core laptop in minutes, `paper` runs the papers' sizes. */
export const EMBEDDED_PROFILES: Record<'smoke' | 'paper', ReproProfile> = {
  smoke: {
    name: 'smoke',
    seed: 20250101,
    steps: [...REPRO_STEP_IDS],
    zoo: { height: 512, width: 512 },
    kernels: { preset: 'smoke', timeBudgetMs: 100 },
    // Full-width decoders at a CPU-friendly size: speed ratios need the real channel widths.
    // Sampling kept small (3-5 interleaved rounds, 12 s a pair after the third) so the whole run stays within minutes.
    decoders: { pairs: PAIRS, height: 64, width: 64, frames: 17, widthMult: 1, minRuns: 3, maxRuns: 5, maxTimeS: 12, targetCi: 0.05, warmup: 1 },
    codec: { enabled: true },
    htp: { bootstrap: 2000, groupBy: 'grade' },
  },
  paper: {
    name: 'paper',
    seed: 20250101,
    steps: [...REPRO_STEP_IDS],
    zoo: { height: 512, width: 512 },
    kernels: { preset: 'paper', timeBudgetMs: 1000 },
    decoders: { pairs: PAIRS, height: 512, width: 512, frames: 17, widthMult: 1, minRuns: 5, maxRuns: 20, maxTimeS: 1800, targetCi: 0.05, warmup: 1 },
    codec: { enabled: true },
    htp: { bootstrap: 10000, groupBy: 'grade' },
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
