import { Command, InvalidArgumentError, Option } from 'commander';
import { availableParallelism } from 'node:os';
import { ERROR_CODES, EvalkitError, createResultDocument, readPaperValues, writeFileAtomic, writeResultDocument } from '@evalkit/core';
import { createProgressReporter } from '../shared/progress';
import {
  METRIC_NAMES,
  METRICS_PRESETS,
  createMetricsPool,
  dataRangeExcesses,
  evaluateDataset,
  scaleMismatches,
  openInputPairs,
  resizeCenterCrop,
  retentionOf,
  type DatasetEvaluation,
  type EvaluateOptions,
  type MetricName,
  type QualityRetention,
} from '@evalkit/recon-metrics';
import { toCsv } from '@evalkit/media-io';
import { cliManifest } from '../shared/context';
import { formatDatasetSummary, isDatasetRun, runDatasetMetrics, type DatasetCliOptions } from './metrics-dataset';
import { runQueuedDatasetMetrics } from './metrics-queue';
import { formatTable, printJson } from '../shared/output';
import { clampThreads, commaList, positiveInt, positiveNumber } from '../shared/parse';

/** Options of `evalkit metrics` as commander parses them. */
export interface MetricsCliOptions extends DatasetCliOptions {
  queue?: string;
  ref: string;
  test: string;
  threads: number;
  json?: boolean;
}

/** What `evalkit metrics --json` prints. */
export interface MetricsReport {
  config: Record<string, unknown>;
  frames: DatasetEvaluation['rows'];
  perVideo: DatasetEvaluation['perVideo'];
  mean: DatasetEvaluation['mean'];
  retention?: QualityRetention[];
}

function metricList(value: string): MetricName[] {
  const list = commaList(value);
  for (const m of list) {
    if (!(METRIC_NAMES as readonly string[]).includes(m)) throw new InvalidArgumentError(`unknown metric "${m}" (choose from ${METRIC_NAMES.join(', ')})`);
  }
  if (list.length === 0) throw new InvalidArgumentError('no metrics given');
  return list as MetricName[];
}

const fmt = (v: number | undefined, digits: number): string => (v === undefined ? '-' : Number.isFinite(v) ? v.toFixed(digits) : String(v));

const g6 = (v: number) => String(Number(v.toPrecision(6)));

/** Warns on stderr about reference/test pairs on different scales and every input whose samples span more than the data range (PSNR/SSIM would be meaningless); the run goes on. */
function warnDataRange(pairings: Parameters<typeof scaleMismatches>[0][], dataRange: number, scale: number | undefined, what: string): void {
  // Each pairing (test, then baseline) on its own: a dataset's video names repeat across them.
  for (const m of pairings.flatMap((extents) => scaleMismatches(extents))) {
    process.stderr.write(`evalkit: warning: reference ${m.reference.path} spans ${g6(m.reference.min)} to ${g6(m.reference.max)} but test ${m.test.path} spans ${g6(m.test.min)} to ${g6(m.test.max)}: ${g6(m.ratio)} times apart, as if one were on another scale (0-1 against 0-255); one data range cannot fit both\n`);
  }
  for (const e of dataRangeExcesses(pairings.flat(), dataRange, scale)) {
    process.stderr.write(`evalkit: warning: ${e.path} holds samples from ${g6(e.min)} to ${g6(e.max)} (span ${g6(e.span)}), more than ${what} ${g6(e.dataRange)}: PSNR and SSIM assume samples within one data range; check the data range (255 for 0-255, 1 for 0-1, 2 for -1 to 1)\n`);
  }
}

/** Runs the evaluation `evalkit metrics` describes; exported for tests and other commands. */
export async function runMetrics(opts: MetricsCliOptions, progress = createProgressReporter()): Promise<MetricsReport> {
  const preset = opts.preset === undefined ? undefined : METRICS_PRESETS[opts.preset];
  if (opts.preset !== undefined && !preset) {
    throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `unknown preset (known: ${Object.keys(METRICS_PRESETS).join(', ')})`, { field: '--preset', value: opts.preset });
  }
  if (preset && opts.dataRange !== undefined) {
    throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `--preset ${preset.name} fixes the data range to ${preset.dataRange} ([0,1] data); drop --data-range`, { field: '--data-range', value: opts.dataRange });
  }
  if (opts.ref === undefined || opts.test === undefined) {
    throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'give --ref and --test (one pair), --manifest FILE.csv, or --ref-dir and --test-dir (a dataset)', { field: opts.ref === undefined ? '--ref' : '--test', value: undefined });
  }
  const inputOptions = { allowNonfinite: opts.allowNonfinite === true, ffmpeg: opts.ffmpeg };
  const opened = openInputPairs(opts.ref, opts.test, inputOptions);
  const baseline = opts.baseline === undefined ? undefined : openInputPairs(opts.ref, opts.baseline, inputOptions);
  const floatData = opened.floatData || (baseline?.floatData ?? false);
  if (!preset && floatData && opts.dataRange === undefined) {
    throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'floating-point .npy input: give --data-range (1 for [0,1] data, 255 for 0-255)', {
      file: opts.test,
      field: '--data-range',
      value: undefined,
    });
  }
  const options: EvaluateOptions = {
    metrics: opts.metrics as MetricName[],
    ssimVariant: preset ? preset.ssimVariant : opts.ssimVariant,
    dataRange: preset ? preset.dataRange : (opts.dataRange ?? 255),
    luma: opts.luma === true,
    maxFrames: preset ? preset.frames : opts.maxFrames,
  };
  if (preset) {
    options.scale = 1 / preset.divideBy;
    options.transform = (frame) => resizeCenterCrop(frame, preset.resize, opts.test);
  }
  warnDataRange([opened.extents, ...(baseline ? [baseline.extents] : [])], options.dataRange, options.scale, preset ? `--preset ${preset.name}'s data range` : '--data-range');
  const config: Record<string, unknown> = {
    ref: opts.ref,
    test: opts.test,
    metrics: options.metrics,
    ssimVariant: options.ssimVariant,
    dataRange: options.dataRange,
    luma: options.luma,
    threads: opts.threads,
  };
  if (opts.allowNonfinite === true) {
    config.allowNonfinite = true;
    // Counted over the reference, test and baseline arrays as read (the reference once per pairing).
    config.nonFiniteSamples = opened.nonFinite + (baseline?.nonFinite ?? 0);
  }
  // ffprobe's facts of video files (frame rate, pixel format, colour range and matrix), as read
  const media = [...opened.pairs, ...(baseline?.pairs ?? [])].filter((p) => p.ref.media || p.test.media).map((p) => ({ video: p.name, ref: p.ref.media ?? null, test: p.test.media ?? null }));
  if (media.length > 0) config.media = media;
  if (preset) config.preset = preset.name;
  if (opts.baseline !== undefined) config.baseline = opts.baseline;
  if (options.maxFrames !== undefined) config.maxFrames = options.maxFrames;

  const countFrames = (pairs: typeof opened.pairs) => pairs.reduce((n, p) => n + Math.min(p.ref.frameCount, options.maxFrames ?? Infinity), 0);
  const pool = createMetricsPool(opts.threads);
  try {
    const task = progress.start('metrics', countFrames(opened.pairs) + (baseline ? countFrames(baseline.pairs) : 0));
    const withTick: EvaluateOptions = { ...options, onFrame: () => task.tick() };
    const result = await evaluateDataset(opened.pairs, pool, withTick);
    const report: MetricsReport = { config, frames: result.rows, perVideo: result.perVideo, mean: result.mean };
    if (baseline) {
      const base = await evaluateDataset(baseline.pairs, pool, withTick);
      report.retention = retentionOf(base.mean, result.mean);
    }
    task.done();
    return report;
  } finally {
    progress.stop();
    await pool.close();
  }
}

/** Registers `evalkit metrics`. */
export function registerMetrics(program: Command): void {
  program
    .command('metrics')
    .description('reconstruction quality of test frames against reference frames: PSNR, SSIM, MS-SSIM, temporal flicker')
    .option('--ref <path>', 'reference: image, folder of frames, .y4m, .npy, a video file (.mp4 .mkv .webm .avi .mov, through ffmpeg), or a folder of such videos')
    .option('--test <path>', 'test frames, same kind and names as --ref')
    .option('--baseline <path>', 'a baseline decoder\'s output of the same references: adds quality retention (test vs baseline); with --manifest, a manifest of the baseline\'s outputs')
    .option('--manifest <csv>', 'a dataset: CSV with columns id,ref,test[,baseline] (paths relative to the CSV); needs --out')
    .option('--ref-dir <dir>', 'a dataset: folder of reference videos, matched with --test-dir by relative path; needs --out')
    .option('--test-dir <dir>', 'a dataset: folder of test videos (see --ref-dir)')
    .option('--baseline-dir <dir>', 'with --ref-dir: folder of a baseline decoder\'s outputs, for retention')
    .option('--shard <i/n>', 'evaluate shard i (0-based) of n: a deterministic share of the dataset (Slurm: $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT); join the parts with evalkit merge')
    .option('--workers <n>', 'datasets: videos evaluated at once, one worker thread each (default: logical cores)', positiveInt)
    .option('--queue <url>', 'datasets: one job per pair on this Redis queue (redis://HOST:PORT/DB) for `evalkit worker`s on any machines; waits and writes the same document')
    .option('--ffmpeg <path>', 'the ffmpeg for video files (default EVALKIT_FFMPEG, then ffmpeg on PATH; Debian package ffmpeg)')
    .option('--metrics <list>', `comma-separated, from ${METRIC_NAMES.join(',')}`, metricList, ['psnr', 'ssim'] as MetricName[])
    .addOption(new Option('--ssim-variant <variant>', 'wang: Gaussian 11/σ1.5, population covariance (torchmetrics); skimage: 7x7 uniform, sample covariance').choices(['wang', 'skimage']).default('wang'))
    .option('--luma', 'compare BT.601 luma (Y = 0.299R + 0.587G + 0.114B) instead of averaging over R, G, B')
    .addOption(new Option('--preset <name>', 'a paper\'s protocol: turbo-vaed = 17 frames, resize 256 + centre crop, [0,1] data, torchmetrics SSIM').choices(Object.keys(METRICS_PRESETS)))
    .option('--data-range <n>', 'data range of the samples (default 255; required for float .npy)', positiveNumber)
    .option('--max-frames <n>', 'compare only the first n frames of each video', positiveInt)
    .option('--threads <n>', 'one pair: worker threads for the per-frame work (datasets: --workers)', positiveInt, Math.max(1, availableParallelism()))
    .option('--allow-nonfinite', 'keep NaN/Infinity samples of float .npy inputs (counted in config.nonFiniteSamples) instead of refusing the file')
    .option('--json', 'print {config, frames, perVideo, mean, retention?} as JSON (datasets: the document)')
    .option('--out <file>', 'write a recon-metrics result document (with run manifest); datasets: a recon-dataset document, one row per video')
    .option('--csv <file>', 'write one CSV row per frame (datasets: per video)')
    .addHelpText(
      'after',
      `
Inputs are matched frame by frame (a folder of frames is read in natural name order); two folders of
videos are matched by video name. Y4M (8-bit 4:2:0 / 4:4:4) is converted to 8-bit RGB with BT.601: limited range unless tagged
XCOLORRANGE=FULL (as ffmpeg reads it; evalkit decode writes full range and tags it).
PSNR per video is reported both as the mean of per-frame PSNR (psnr) and from the pooled MSE
(psnrPooled); an identical pair has PSNR Infinity ("Infinity" in JSON).

Examples:
  evalkit metrics --ref fixtures/recon/images/camera-ref.png --test fixtures/recon/images/camera-blur.png
  evalkit metrics --ref ref.y4m --test decoded.y4m --metrics psnr,ssim,msssim,flicker --json
  evalkit metrics --ref ucf/ref --test ucf/turbo --baseline ucf/hunyuan --preset turbo-vaed --out reports/recon.json --csv reports/recon.csv
  evalkit metrics --ref a.npy --test b.npy --data-range 1 --ssim-variant skimage --luma
  evalkit metrics --ref clip.mp4 --test decoded.mkv --metrics psnr,ssim,flicker

Datasets: one row per video, the means over videos, failed inputs listed (a corrupt file does not
stop the run). Finished videos are recorded in OUT.partial.jsonl as they finish: rerun the same
command after an interruption and it resumes. Shards of one dataset merge with evalkit merge.
  evalkit metrics --manifest ucf/pairs.csv --baseline ucf/hunyuan.csv --preset turbo-vaed --out ucf.json
  evalkit metrics --ref-dir ucf/ref --test-dir ucf/turbo --workers 8 --out ucf.json --csv ucf.csv
  evalkit metrics --manifest pairs.csv --shard 2/4 --out parts/2.json      # then: evalkit merge parts/*.json --out all.json
  evalkit metrics --manifest pairs.csv --queue redis://10.0.0.5:6379/0 --out ucf.json    # machines run: evalkit worker --queue redis://10.0.0.5:6379/0`,
    )
    .action(async (opts: MetricsCliOptions) => {
      const startedAt = new Date();
      if (isDatasetRun(opts)) {
        if (opts.ref !== undefined || opts.test !== undefined) {
          throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, '--ref/--test name one pair; a dataset is --manifest or --ref-dir/--test-dir', { field: opts.ref !== undefined ? '--ref' : '--test', value: opts.ref ?? opts.test });
        }
        if (opts.workers !== undefined) opts.workers = clampThreads(opts.workers, '--workers');
        const progress = createProgressReporter({ silent: opts.json === true && !process.stderr.isTTY });
        const doc = opts.queue !== undefined ? await runQueuedDatasetMetrics({ ...opts, queue: opts.queue }, progress, startedAt) : await runDatasetMetrics(opts, progress, startedAt);
        if (opts.json) printJson(doc);
        else process.stdout.write(formatDatasetSummary(doc, [opts.out!, ...(opts.csv !== undefined ? [opts.csv] : [])]));
        return;
      }
      if (opts.shard !== undefined || opts.workers !== undefined || opts.baselineDir !== undefined || opts.queue !== undefined) {
        const field = opts.shard !== undefined ? '--shard' : opts.workers !== undefined ? '--workers' : opts.baselineDir !== undefined ? '--baseline-dir' : '--queue';
        throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'applies to datasets (--manifest or --ref-dir/--test-dir)', { field, value: opts.shard ?? opts.workers ?? opts.baselineDir ?? opts.queue });
      }
      opts.threads = clampThreads(opts.threads);
      const report = await runMetrics(opts, createProgressReporter({ silent: opts.json === true && !process.stderr.isTTY }));
      if (opts.out !== undefined) {
        const manifest = cliManifest('metrics', { config: report.config, seed: null, startedAt });
        const summary: Record<string, unknown> = { mean: report.mean, perVideo: report.perVideo };
        if (report.retention) {
          summary.retention = report.retention;
          // Joined when the document is written, from core's one reader of fixtures/paper.
          summary.paperQualityRetention = readPaperValues().turboVaed?.claims.qualityRetention ?? null;
        }
        writeResultDocument(opts.out, createResultDocument('recon-metrics', manifest, report.frames, { config: report.config, summary }));
      }
      if (opts.csv !== undefined) {
        writeFileAtomic(opts.csv, toCsv(['video', 'index', 'psnr', 'ssim', 'msssim', 'flicker', 'mse'], report.frames as unknown as Record<string, unknown>[]));
      }
      if (opts.json) {
        printJson(report);
        return;
      }
      const single = report.perVideo.length === 1;
      const lines: string[] = [];
      if (single && report.frames.length <= 40) {
        lines.push(
          formatTable(
            ['frame', 'psnr', 'ssim', 'msssim', 'flicker'],
            report.frames.map((f) => [f.index, fmt(f.psnr, 3), fmt(f.ssim, 5), fmt(f.msssim, 5), fmt(f.flicker, 5)]),
          ),
        );
      } else {
        lines.push(
          formatTable(
            ['video', 'frames', 'psnr', 'psnrPooled', 'ssim', 'msssim', 'flicker'],
            report.perVideo.map((v) => [v.video, v.frames, fmt(v.psnr, 3), fmt(v.psnrPooled, 3), fmt(v.ssim, 5), fmt(v.msssim, 5), fmt(v.flicker, 5)]),
          ),
        );
      }
      const m = report.mean;
      lines.push(
        '',
        `mean${single ? '' : ` over ${report.perVideo.length} videos`}: psnr ${fmt(m.psnr, 3)} dB (pooled ${fmt(m.psnrPooled, 3)}), ssim ${fmt(m.ssim, 5)} (${report.config.ssimVariant}), msssim ${fmt(m.msssim, 5)}, flicker ${fmt(m.flicker, 5)}`,
      );
      if (report.retention) {
        lines.push('', formatTable(['metric', 'better', 'baseline', 'test', 'retention'], report.retention.map((r) => [r.metric, r.higherIsBetter ? 'higher' : 'lower', fmt(r.baseline, 5), fmt(r.test, 5), `${fmt(100 * r.retention, 2)}%`])));
      }
      if (opts.out !== undefined) lines.push(`wrote ${opts.out}`);
      if (opts.csv !== undefined) lines.push(`wrote ${opts.csv}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
