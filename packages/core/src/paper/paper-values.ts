import { z } from 'zod';
import { nullableNumber, numberValue } from '../schemas/fields';

/** One decoder as the Turbo-VAED paper reports it (fixtures/paper/turbo-vaed.json). */
export const turboVaedPaperModelSchema = z.looseObject({
  label: z.string(),
  paramsM: nullableNumber.describe('parameters in millions, as printed'),
  gpuFps: nullableNumber.optional().describe('FPS at 512x512 on GPU'),
  iphoneFps: nullableNumber.optional().describe('FPS at 512x512 on iPhone 16 Pro'),
  psnr: nullableNumber.optional(),
  ssim: nullableNumber.optional(),
});

/** The Turbo-VAED paper's values: per model, the baseline/Turbo pairs, MACs at 512x512x17, claims. */
export const turboVaedPaperSchema = z.looseObject({
  source: z.string(),
  models: z.record(z.string(), turboVaedPaperModelSchema),
  pairs: z.array(z.looseObject({ baseline: z.string(), turbo: z.string() })),
  macsAt512x512x17TMAC: z.record(z.string(), numberValue),
  claims: z.looseObject({ qualityRetention: nullableNumber.optional() }),
});

/** The PsyDraw paper's Table 1 (fixtures/paper/psydraw.json): percent per group and level, the Warning share. */
export const psydrawPaperSchema = z.looseObject({
  source: z.string(),
  percent: z.record(z.string(), z.record(z.string(), numberValue)),
  warningShare: z.looseObject({ percent: numberValue }).optional(),
  corrections: z
    .array(z.looseObject({ group: z.string(), level: z.string(), printed: numberValue, used: numberValue, why: z.string() }))
    .optional()
    .describe('cells where the printed table differs from the value compared against, and why'),
});

/** The Turbo-VAED paper's values. */
export type TurboVaedPaper = z.output<typeof turboVaedPaperSchema>;
/** The PsyDraw paper's values. */
export type PsydrawPaper = z.output<typeof psydrawPaperSchema>;

/** Both papers' values; null where the file is absent (a report may be drawn without them). */
export interface PaperValues {
  turboVaed: TurboVaedPaper | null;
  psydraw: PsydrawPaper | null;
}

/** The paper's GPU speedup of a pair: Turbo FPS / baseline FPS at 512x512 (null when either is missing). */
export function paperGpuSpeedup(paper: TurboVaedPaper | null, baseline: string, turbo: string): number | null {
  const b = paper?.models[baseline]?.gpuFps;
  const t = paper?.models[turbo]?.gpuFps;
  return b && t ? t / b : null;
}

/** The paper's GPU and iPhone FPS of a zoo decoder at 512x512, or null when the paper does not list it. */
export function paperFps(paper: TurboVaedPaper | null, zooModel: string): { gpuFps: number | null; iphoneFps: number | null } | null {
  const m = paper?.models[zooModel];
  return m ? { gpuFps: m.gpuFps ?? null, iphoneFps: m.iphoneFps ?? null } : null;
}
