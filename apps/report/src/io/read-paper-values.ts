import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PaperValues } from '../model';

/** fixtures/paper in this checkout; the values there cite their sources. */
const PAPER_DIR = resolve(__dirname, '../../../../fixtures/paper');

/**
 * Reads the Turbo-VAED paper's values (per-model FPS and the quality-retention claim) so the tables
 * can print them next to ours. Absent fixtures give null: the report then shows only what the
 * documents themselves carry.
 */
export function readPaperValues(dir: string = PAPER_DIR): PaperValues {
  const file = resolve(dir, 'turbo-vaed.json');
  if (!existsSync(file)) return { turboVaed: null };
  const raw = JSON.parse(readFileSync(file, 'utf8')) as {
    models?: Record<string, { label?: string; paramsM?: number | null; gpuFps?: number | null; iphoneFps?: number | null; psnr?: number | null; ssim?: number | null }>;
    claims?: { qualityRetention?: number | null };
  };
  const models: NonNullable<PaperValues['turboVaed']>['models'] = {};
  for (const [id, m] of Object.entries(raw.models ?? {})) {
    models[id] = { label: m.label ?? id, paramsM: m.paramsM ?? null, gpuFps: m.gpuFps ?? null, iphoneFps: m.iphoneFps ?? null, psnr: m.psnr ?? null, ssim: m.ssim ?? null };
  }
  return { turboVaed: { models, claims: { qualityRetention: raw.claims?.qualityRetention ?? null } } };
}
