import type { DecoderPairRow, DecoderRow, LoadedDocument, PaperValues } from '../model';
import { numberField, optionalArrayField, optionalIntervalField, optionalNumberField, optionalObjectField, optionalStringField, raiseCeiling, stringField, type FieldContext } from './fields';

/**
 * Decoder timings and baseline/candidate speedups, with the paper's GPU and iPhone FPS beside ours.
 * Zoo graphs and users' ONNX files are rows alike; the paper's values go only to zoo rows.
 */
export function normalizeDecoders(
  docs: readonly { loaded: LoadedDocument; series: string }[],
  paper: PaperValues,
): { decoders: DecoderRow[]; pairs: DecoderPairRow[] } {
  const decoders: DecoderRow[] = [];
  const pairs: DecoderPairRow[] = [];
  for (const { loaded, series } of docs) {
    const { file, kind, document } = loaded;
    const labels = new Map<string, string>();
    const first = decoders.length;
    document.results.forEach((r, i) => {
      const ctx: FieldContext = { file, kind, path: `results[${i}]` };
      const model = stringField(r, 'model', ctx);
      const label = optionalStringField(r, 'label', ctx) ?? model;
      labels.set(model, label);
      const source = optionalStringField(r, 'source', ctx) ?? 'zoo';
      // Documents before file models named rows by zoo name only.
      const zooModel = source === 'file' ? null : (optionalStringField(r, 'zooModel', ctx) ?? model);
      const paperModel = zooModel === null ? undefined : paper.turboVaed?.models[zooModel];
      const fileInfo = optionalObjectField(r, 'file', ctx);
      const fileCtx: FieldContext = { file, kind, path: `results[${i}].file` };
      decoders.push({
        series,
        model,
        label,
        size: `${numberField(r, 'outputFrames', ctx)}×${numberField(r, 'height', ctx)}×${numberField(r, 'width', ctx)}`,
        meanMs: numberField(r, 'meanMs', ctx),
        medianMs: numberField(r, 'medianMs', ctx),
        p99Ms: numberField(r, 'p99Ms', ctx),
        sdMs: numberField(r, 'sdMs', ctx),
        fps: numberField(r, 'fps', ctx),
        fpsCi95: optionalIntervalField(r, 'fpsCi95', ctx),
        medianCi95Ms: optionalIntervalField(r, 'medianCi95Ms', ctx),
        unstable: r.unstable === true,
        gflops: optionalNumberField(r, 'gflops', ctx),
        ceilingFraction: optionalNumberField(r, 'ceilingFraction', ctx),
        aboveCeiling: r.aboveMeasuredCeiling === true,
        paperGpuFps: paperModel?.gpuFps ?? null,
        paperIphoneFps: paperModel?.iphoneFps ?? null,
        source: source === 'file' ? 'file' : 'zoo',
        params: optionalNumberField(r, 'params', ctx),
        onnxFile: fileInfo ? { path: stringField(fileInfo, 'path', fileCtx), bytes: numberField(fileInfo, 'bytes', fileCtx), sha256: stringField(fileInfo, 'sha256', fileCtx) } : null,
      });
    });
    const mine = decoders.slice(first);
    const held = raiseCeiling(mine.map((d) => d.ceilingFraction));
    mine.forEach((d, i) => {
      d.ceilingFraction = held.fractions[i];
      d.aboveCeiling ||= held.above[i];
    });
    const summaryCtx: FieldContext = { file, kind, path: 'summary' };
    optionalArrayField(document.summary, 'pairs', summaryCtx).forEach((p, i) => {
      const ctx: FieldContext = { file, kind, path: `summary.pairs[${i}]` };
      const baseline = stringField(p, 'baseline', ctx);
      // "candidate" since user pairs; older documents name it "turbo" only.
      const turbo = optionalStringField(p, 'candidate', ctx) ?? stringField(p, 'turbo', ctx);
      const baselineLabel = labels.get(baseline) ?? baseline;
      const turboLabel = labels.get(turbo) ?? turbo;
      pairs.push({
        series,
        baseline: baselineLabel,
        turbo: turboLabel,
        pair: `${turboLabel} vs ${baselineLabel}`,
        speedup: numberField(p, 'speedup', ctx),
        speedupCi95: optionalIntervalField(p, 'speedupCi95', ctx),
        unstable: p.unstable === true,
        paperGpuSpeedup: optionalNumberField(p, 'paperGpuSpeedup', ctx),
      });
    });
  }
  return { decoders, pairs };
}
