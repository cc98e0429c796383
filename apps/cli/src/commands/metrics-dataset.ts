import { rmSync } from 'node:fs';
import { ERROR_CODES, EvalkitError, writeFileAtomic, writeResultDocument } from '@evalkit/core';
import {
  assembleDatasetDocument,
  createDatasetConfig,
  journalPathFor,
  pairsFromDirs,
  parseShard,
  readManifest,
  runDataset,
  selectShard,
  sortById,
  withBaseline,
  workerCount,
  type DatasetDocument,
  type DatasetPair,
  type EvaluationSettings,
} from '@evalkit/dataset';
import { ffmpegVersion, findFfmpegTools, toCsv } from '@evalkit/media-io';
import type { MetricName } from '@evalkit/recon-metrics';
import { cliManifest } from '../shared/context';
import { formatTable } from '../shared/output';
import type { ProgressReporter } from '../shared/progress';

/** The flags of `evalkit metrics` that a dataset run reads. */
export interface DatasetCliOptions {
  manifest?: string;
  refDir?: string;
  testDir?: string;
  baseline?: string;
  baselineDir?: string;
  shard?: string;
  workers?: number;
  ffmpeg?: string;
  metrics: string[];
  ssimVariant: 'wang' | 'skimage';
  luma?: boolean;
  preset?: string;
  dataRange?: number;
  maxFrames?: number;
  allowNonfinite?: boolean;
  out?: string;
  csv?: string;
}

/** True when the flags ask for a dataset run (a manifest or two folders) rather than one pair. */
export function isDatasetRun(opts: { manifest?: string; refDir?: string; testDir?: string }): boolean {
  return opts.manifest !== undefined || opts.refDir !== undefined || opts.testDir !== undefined;
}

const usage = (problem: string, field: string, value: unknown) => new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, problem, { field, value });

/** The dataset's pairs from --manifest or --ref-dir/--test-dir, with the baseline joined when given (a queue producer reads them the same way). */
export function datasetPairs(opts: DatasetCliOptions): DatasetPair[] {
  if (opts.manifest !== undefined) {
    if (opts.refDir !== undefined || opts.testDir !== undefined) throw usage('give --manifest or --ref-dir/--test-dir, not both', '--ref-dir', opts.refDir ?? opts.testDir);
    if (opts.baselineDir !== undefined) throw usage('with --manifest the baseline is a manifest too: --baseline FILE.csv', '--baseline-dir', opts.baselineDir);
    const pairs = readManifest(opts.manifest);
    return opts.baseline === undefined ? pairs : withBaseline(pairs, readManifest(opts.baseline), opts.baseline);
  }
  if (opts.refDir === undefined || opts.testDir === undefined) throw usage('--ref-dir and --test-dir go together', opts.refDir === undefined ? '--ref-dir' : '--test-dir', undefined);
  if (opts.baseline !== undefined) throw usage('with --ref-dir/--test-dir the baseline is a folder too: --baseline-dir DIR', '--baseline', opts.baseline);
  const pairs = pairsFromDirs(opts.refDir, opts.testDir);
  return opts.baselineDir === undefined ? pairs : withBaseline(pairs, pairsFromDirs(opts.refDir, opts.baselineDir), opts.baselineDir);
}

/** The evaluation settings the metrics flags give (one function, so every way of running a dataset gets the same config). */
export function datasetSettings(opts: DatasetCliOptions): EvaluationSettings {
  const settings: EvaluationSettings = {
    metrics: opts.metrics as MetricName[],
    ssimVariant: opts.ssimVariant,
    dataRange: opts.dataRange,
    luma: opts.luma === true,
    maxFrames: opts.maxFrames,
    preset: opts.preset,
    allowNonfinite: opts.allowNonfinite === true,
  };
  // the preset fixes the SSIM variant; the flag's default must not read as a conflicting choice
  if (opts.preset !== undefined) delete settings.ssimVariant;
  return settings;
}

const fmt = (v: number | undefined, digits: number): string => (v === undefined ? '-' : Number.isFinite(v) ? v.toFixed(digits) : String(v));

/**
 * Evaluates a dataset (or one shard of it) on a pool of worker threads and writes its document to
 * --out. Finished rows go to `<out>.partial.jsonl` as they finish, so an interrupted run resumes
 * where it stopped; the journal is removed once the document is written. Returns the document.
 */
export async function runDatasetMetrics(opts: DatasetCliOptions, progress: ProgressReporter, startedAt = new Date()): Promise<DatasetDocument> {
  if (opts.out === undefined) throw usage('a dataset run writes its document to --out FILE.json (and resumes from it when interrupted)', '--out', undefined);
  const pairs = datasetPairs(opts);
  const shard = opts.shard === undefined ? null : parseShard(opts.shard);
  const config = createDatasetConfig(datasetSettings(opts), pairs, shard);
  const mine = shard ? selectShard(pairs, shard.index, shard.count) : sortById(pairs);
  const workers = workerCount(opts.workers, mine.length);
  const journal = journalPathFor(opts.out);
  let ffmpeg: string | null = null;
  try {
    ffmpeg = ffmpegVersion(findFfmpegTools({ ffmpeg: opts.ffmpeg }));
  } catch {
    // only video files need ffmpeg; their pairs report its absence
  }
  const task = progress.start('videos', mine.length);
  let shown = 0;
  let rows;
  try {
    rows = await runDataset(mine, config, {
      workers,
      ffmpeg: opts.ffmpeg,
      journal,
      onProgress: (p) => {
        if (p.videosDone > shown) {
          const detail = `${p.framesDone} frames${p.resumed > 0 ? `, ${p.resumed} resumed` : ''}${p.failed > 0 ? `, ${p.failed} failed` : ''}`;
          task.tick(p.videosDone - shown, detail);
          shown = p.videosDone;
        }
      },
    });
    task.done(`${rows.length} videos`);
  } finally {
    progress.stop();
  }
  const runConfig = { ...config, manifest: opts.manifest ?? null, refDir: opts.refDir ?? null, testDir: opts.testDir ?? null, baselineSource: opts.baseline ?? opts.baselineDir ?? null, workers, ffmpeg };
  const doc = assembleDatasetDocument(config, rows, cliManifest('metrics', { config: runConfig, seed: null, startedAt }));
  writeResultDocument(opts.out, doc);
  if (opts.csv !== undefined) writeDatasetCsv(opts.csv, doc);
  // the document holds every row now: the journal has done its job
  rmSync(journal, { force: true });
  return doc;
}

/** --csv of a dataset run: one row per video (id, status, frames, the metric means, the error of a failed input). */
export function writeDatasetCsv(path: string, doc: DatasetDocument): void {
  const table = doc.results.map((r) =>
    r.status === 'ok' ? { id: r.id, status: r.status, frames: r.frames, ...r.metrics, error: '' } : { id: r.id, status: r.status, frames: '', error: r.error.message },
  );
  writeFileAtomic(path, toCsv(['id', 'status', 'frames', 'psnr', 'psnrPooled', 'ssim', 'msssim', 'flicker', 'error'], table));
}

/** The text summary of a dataset document. */
export function formatDatasetSummary(doc: DatasetDocument, written: string[]): string {
  const s = doc.summary;
  const m = s.mean;
  const shard = doc.config.shard ? ` (shard ${doc.config.shard.index}/${doc.config.shard.count} of ${doc.config.pairs})` : '';
  const lines = [
    `${s.pairs} videos${shard}: ${s.evaluated} evaluated, ${s.failed} failed, ${s.frames} frames`,
    `mean over ${s.evaluated} videos: psnr ${fmt(m.psnr, 3)} dB (pooled ${fmt(m.psnrPooled, 3)}), ssim ${fmt(m.ssim, 5)} (${doc.config.ssimVariant}), msssim ${fmt(m.msssim, 5)}, flicker ${fmt(m.flicker, 5)}`,
  ];
  if (s.retention) {
    lines.push('', formatTable(['metric', 'better', 'baseline', 'test', 'retention'], s.retention.map((r) => [r.metric, r.higherIsBetter ? 'higher' : 'lower', fmt(r.baseline, 5), fmt(r.test, 5), `${fmt(100 * r.retention, 2)}%`])));
  }
  if (s.failed > 0) {
    lines.push('', 'failed:');
    for (const r of doc.results.filter((x) => x.status === 'failed').slice(0, 10)) if (r.status === 'failed') lines.push(`  ${r.id}: ${r.error.message}`);
    if (s.failed > 10) lines.push(`  ... and ${s.failed - 10} more (see the document)`);
  }
  for (const w of written) lines.push(`wrote ${w}`);
  return `${lines.join('\n')}\n`;
}
