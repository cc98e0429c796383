import type { DecoderPairRow, DecoderRow, SeriesDocument } from '../model';
import { documentOf } from './document-of';
import { raiseCeiling } from './raise-ceiling';

/**
 * Decoder timings and baseline/candidate speedups, with the paper's GPU and iPhone FPS beside ours,
 * as the document carries them (its writer joined them to zoo rows only; documents written before
 * that carry none, and their rows show no paper FPS).
 */
export function normalizeDecoders(docs: readonly SeriesDocument[]): { decoders: DecoderRow[]; pairs: DecoderPairRow[] } {
  const decoders: DecoderRow[] = [];
  const pairs: DecoderPairRow[] = [];
  for (const { loaded, series } of docs) {
    const document = documentOf(loaded, 'decoder-bench');
    const labels = new Map<string, string>();
    const first = decoders.length;
    for (const r of document.results) {
      labels.set(r.model, r.label);
      const source = r.source ?? 'zoo';
      const paperFps = document.summary?.paperFps?.[r.model];
      decoders.push({
        series,
        model: r.model,
        label: r.label,
        size: `${r.outputFrames}×${r.height}×${r.width}`,
        meanMs: r.meanMs,
        medianMs: r.medianMs,
        p99Ms: r.p99Ms,
        sdMs: r.sdMs,
        fps: r.fps,
        fpsCi95: r.fpsCi95 ?? null,
        medianCi95Ms: r.medianCi95Ms ?? null,
        unstable: r.unstable === true,
        gflops: r.gflops,
        ceilingFraction: r.ceilingFraction,
        aboveCeiling: r.aboveMeasuredCeiling === true,
        paperGpuFps: paperFps?.gpuFps ?? null,
        paperIphoneFps: paperFps?.iphoneFps ?? null,
        source,
        params: r.params,
        onnxFile: r.file ? { path: r.file.path, bytes: r.file.bytes, sha256: r.file.sha256 } : null,
      });
    }
    // Ceilings hold in the report too, whatever wrote the document.
    const mine = decoders.slice(first);
    const held = raiseCeiling(mine.map((d) => d.ceilingFraction));
    mine.forEach((d, i) => {
      d.ceilingFraction = held.fractions[i];
      d.aboveCeiling ||= held.above[i];
    });
    for (const p of document.summary?.pairs ?? []) {
      const baselineLabel = labels.get(p.baseline) ?? p.baseline;
      // "candidate" since user pairs; older documents name it "turbo" only.
      const candidate = p.candidate ?? p.turbo;
      const turboLabel = labels.get(candidate) ?? candidate;
      pairs.push({
        series,
        baseline: baselineLabel,
        turbo: turboLabel,
        pair: `${turboLabel} vs ${baselineLabel}`,
        speedup: p.speedup,
        speedupCi95: p.speedupCi95 ?? null,
        unstable: p.unstable === true,
        paperGpuSpeedup: p.paperGpuSpeedup,
      });
    }
  }
  return { decoders, pairs };
}
