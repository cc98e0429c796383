import { readPaperValues as readPapers } from '@evalkit/core';
import type { PaperValues } from '../model';

/**
 * The Turbo-VAED paper's values the tables print next to ours (per-model FPS and the
 * quality-retention claim), from core's one reader of fixtures/paper. An absent file gives null:
 * the report then shows only what the documents themselves carry.
 */
export function readPaperValues(dir?: string): PaperValues {
  const turbo = readPapers(dir).turboVaed;
  if (!turbo) return { turboVaed: null };
  const models: NonNullable<PaperValues['turboVaed']>['models'] = {};
  for (const [id, m] of Object.entries(turbo.models)) {
    models[id] = { label: m.label, paramsM: m.paramsM, gpuFps: m.gpuFps ?? null, iphoneFps: m.iphoneFps ?? null, psnr: m.psnr ?? null, ssim: m.ssim ?? null };
  }
  return { turboVaed: { models, claims: { qualityRetention: turbo.claims.qualityRetention ?? null } } };
}
