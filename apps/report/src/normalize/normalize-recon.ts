import type { ResultSummary } from '@evalkit/core';
import type { LoadedDocument, ReconVideoRow, RetentionRow, SeriesDocument } from '../model';
import { documentOf } from './document-of';

type VideoSummary = NonNullable<ResultSummary<'recon-metrics'>['perVideo']>[number];

/** The name of what was compared: the test input's base name (config.test), else the file's. */
function comparisonName(loaded: LoadedDocument): string {
  const test = documentOf(loaded, 'recon-metrics').config.test;
  const raw = typeof test === 'string' && test.length > 0 ? test : loaded.file;
  return raw.replace(/\\/g, '/').split('/').filter((s) => s.length > 0).pop() ?? raw;
}

/**
 * Per-video quality and retention rows; when several series exist the comparison names its series.
 * The paper's claimed retention is the first one a document carries (its writer joined it).
 */
export function normalizeRecon(docs: readonly SeriesDocument[], multipleSeries: boolean): { videos: ReconVideoRow[]; retention: RetentionRow[]; paperQualityRetention: number | null } {
  const videos: ReconVideoRow[] = [];
  const retention: RetentionRow[] = [];
  let paperQualityRetention: number | null = null;
  for (const { loaded, series } of docs) {
    const document = documentOf(loaded, 'recon-metrics');
    const name = comparisonName(loaded);
    const comparison = multipleSeries ? `${series} · ${name}` : name;
    let perVideo: VideoSummary[] = document.summary?.perVideo ?? [];
    if (perVideo.length === 0) perVideo = perVideoFromFrames(loaded);
    for (const v of perVideo) {
      videos.push({
        series,
        comparison,
        video: v.video,
        frames: v.frames,
        psnr: v.psnr ?? null,
        psnrPooled: v.psnrPooled ?? null,
        ssim: v.ssim ?? null,
        msssim: v.msssim ?? null,
        flicker: v.flicker ?? null,
      });
    }
    for (const r of document.summary?.retention ?? []) {
      retention.push({ series, comparison, metric: r.metric, higherIsBetter: r.higherIsBetter !== false, baseline: r.baseline, test: r.test, retention: r.retention });
    }
    paperQualityRetention ??= document.summary?.paperQualityRetention ?? null;
  }
  return { videos, retention, paperQualityRetention };
}

/** Without a perVideo summary, average the per-frame rows (arithmetic mean per video). */
function perVideoFromFrames(loaded: LoadedDocument): VideoSummary[] {
  const groups = new Map<string, Record<'psnr' | 'ssim' | 'msssim' | 'flicker', number[]>>();
  for (const r of documentOf(loaded, 'recon-metrics').results) {
    const g = groups.get(r.video) ?? { psnr: [], ssim: [], msssim: [], flicker: [] };
    for (const key of ['psnr', 'ssim', 'msssim', 'flicker'] as const) {
      const v = r[key];
      if (v !== null && v !== undefined) g[key].push(v);
    }
    groups.set(r.video, g);
  }
  return [...groups.entries()].map(([video, g]) => {
    const mean = (xs: number[]) => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
    return { video, frames: Math.max(g.psnr.length, g.ssim.length, g.msssim.length), psnr: mean(g.psnr), ssim: mean(g.ssim), msssim: mean(g.msssim), flicker: mean(g.flicker) };
  });
}
