import type { LoadedDocument, ReconVideoRow, RetentionRow } from '../model';
import { numberField, optionalArrayField, optionalNumberField, optionalObjectField, stringField, type FieldContext } from './fields';

/** The name of what was compared: the test input's base name (config.test), else the file's. */
function comparisonName(loaded: LoadedDocument): string {
  const test = loaded.document.config.test;
  const raw = typeof test === 'string' && test.length > 0 ? test : loaded.file;
  return raw.replace(/\\/g, '/').split('/').filter((s) => s.length > 0).pop() ?? raw;
}

/** Per-video quality and retention rows; when several series exist the comparison names its series. */
export function normalizeRecon(
  docs: readonly { loaded: LoadedDocument; series: string }[],
  multipleSeries: boolean,
): { videos: ReconVideoRow[]; retention: RetentionRow[] } {
  const videos: ReconVideoRow[] = [];
  const retention: RetentionRow[] = [];
  for (const { loaded, series } of docs) {
    const { file, kind, document } = loaded;
    const name = comparisonName(loaded);
    const comparison = multipleSeries ? `${series} · ${name}` : name;
    const summaryCtx: FieldContext = { file, kind, path: 'summary' };
    let perVideo = optionalArrayField(document.summary, 'perVideo', summaryCtx);
    if (perVideo.length === 0) perVideo = perVideoFromFrames(loaded);
    perVideo.forEach((v, i) => {
      const ctx: FieldContext = { file, kind, path: `summary.perVideo[${i}]` };
      videos.push({
        series,
        comparison,
        video: stringField(v, 'video', ctx),
        frames: numberField(v, 'frames', ctx),
        psnr: optionalNumberField(v, 'psnr', ctx),
        psnrPooled: optionalNumberField(v, 'psnrPooled', ctx),
        ssim: optionalNumberField(v, 'ssim', ctx),
        msssim: optionalNumberField(v, 'msssim', ctx),
        flicker: optionalNumberField(v, 'flicker', ctx),
      });
    });
    optionalArrayField(document.summary, 'retention', summaryCtx).forEach((r, i) => {
      const ctx: FieldContext = { file, kind, path: `summary.retention[${i}]` };
      retention.push({
        series,
        comparison,
        metric: stringField(r, 'metric', ctx),
        higherIsBetter: r.higherIsBetter !== false,
        baseline: numberField(r, 'baseline', ctx),
        test: numberField(r, 'test', ctx),
        retention: numberField(r, 'retention', ctx),
      });
    });
    optionalObjectField(document.summary, 'mean', summaryCtx);
  }
  return { videos, retention };
}

/** Without a perVideo summary, average the per-frame rows (arithmetic mean per video). */
function perVideoFromFrames(loaded: LoadedDocument): Record<string, unknown>[] {
  const { file, kind, document } = loaded;
  const groups = new Map<string, Record<string, number[]>>();
  document.results.forEach((r, i) => {
    const ctx: FieldContext = { file, kind, path: `results[${i}]` };
    const video = stringField(r, 'video', ctx);
    const g = groups.get(video) ?? { psnr: [], ssim: [], msssim: [], flicker: [] };
    for (const key of Object.keys(g)) {
      const v = optionalNumberField(r, key, ctx);
      if (v !== null) g[key].push(v);
    }
    groups.set(video, g);
  });
  return [...groups.entries()].map(([video, g]) => {
    const mean = (xs: number[]) => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
    return { video, frames: Math.max(g.psnr.length, g.ssim.length, g.msssim.length), psnr: mean(g.psnr), ssim: mean(g.ssim), msssim: mean(g.msssim), flicker: mean(g.flicker) };
  });
}
