import { z } from 'zod';
import { systemBeforeAfterSchema } from './schemas/fields';
import { deviceFingerprint, deviceFingerprintSchema, type FingerprintOptions } from './device-fingerprint';

/** What makes a result reproducible: which tool ran, how, on what, with which seed and code revision. */
export const runManifestSchema = z.object({
  tool: z.string().min(1),
  toolVersion: z.string().min(1),
  command: z.array(z.string()),
  config: z.record(z.string(), z.unknown()),
  seed: z.number().int().nullable(),
  gitRevision: z.string().nullable(),
  startedAt: z.string().datetime({ offset: true }),
  finishedAt: z.string().datetime({ offset: true }),
  device: deviceFingerprintSchema,
  /** How busy the machine was before and after a benchmark ran (load average, busiest other processes). */
  system: systemBeforeAfterSchema.optional(),
});

/** The run manifest every result document carries. */
export type RunManifest = z.infer<typeof runManifestSchema>;

/** Inputs for createRunManifest; times default to now, device to this machine. */
export interface RunManifestInput {
  tool: string;
  toolVersion: string;
  command?: string[];
  config?: Record<string, unknown>;
  seed?: number | null;
  gitRevision?: string | null;
  startedAt?: Date;
  finishedAt?: Date;
  device?: FingerprintOptions;
  system?: z.input<typeof systemBeforeAfterSchema>;
}

/** Builds a run manifest for this process. */
export function createRunManifest(input: RunManifestInput): RunManifest {
  const startedAt = input.startedAt ?? new Date();
  return {
    tool: input.tool,
    toolVersion: input.toolVersion,
    command: input.command ?? process.argv.slice(1),
    config: input.config ?? {},
    seed: input.seed ?? null,
    gitRevision: input.gitRevision ?? null,
    startedAt: startedAt.toISOString(),
    finishedAt: (input.finishedAt ?? new Date()).toISOString(),
    device: deviceFingerprint(input.device),
    ...(input.system ? { system: systemBeforeAfterSchema.parse(input.system) } : {}),
  };
}
