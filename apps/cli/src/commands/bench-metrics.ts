import type { Command } from 'commander';
import { createResultDocument, writeResultDocument } from '@evalkit/core';
import { formatWithInterval, referencePython, runMetricsBench, systemLoad, type MetricsBenchOutcome, type MetricsBenchRow } from '@evalkit/bench';
import { cliManifest } from '../shared/context';
import { formatTable, printJson } from '../shared/output';
import { clampThreads, frameSide, positiveInt, threadCap } from '../shared/parse';
import { createProgressReporter } from '../shared/progress';
import { addSamplingFlags, samplingOptions, type SamplingFlags } from '../shared/sampling-flags';
import { commandGroup } from './bench-kernels';

/** Options of `evalkit bench metrics` as commander parses them. */
interface BenchMetricsOptions extends SamplingFlags {
  width: number;
  height: number;
  frames: number;
  threads: number;
  referenceRuns: number;
  seed: number;
  skimage: boolean;
  ssimJs: boolean;
  out?: string;
  json?: boolean;
}

const TASK_LABEL: Record<string, string> = { ssim: 'SSIM (RGB pair)', 'ssim-luma': 'SSIM (luma pair)', 'ms-ssim': 'MS-SSIM (RGB pair)', psnr: 'PSNR (clip)', flicker: 'flicker (clip)' };

/** The terminal table: rows, ratios, ceilings and the fractions of them. */
export function formatMetricsBench(outcome: MetricsBenchOutcome): string {
  const c = outcome.ceilings;
  const fp64 = c.fp64OneCoreGflops;
  const wasm = c.wasmF64x2OneCoreGflops;
  const cores = (r: MetricsBenchRow) => Math.max(1, Math.min(r.threads, c.peakThreads?.inputs.cores ?? r.threads));
  const rows = outcome.rows.map((r) => {
    const head = [TASK_LABEL[r.task] ?? r.task, r.implementation, r.threads];
    if (r.state !== 'completed') return [...head, `skipped: ${r.reason}`, '-', '-', '-', '-', '-', '-'];
    const computeShare = r.gflops !== null && fp64 !== null ? `${((100 * r.gflops) / (fp64 * cores(r))).toFixed(0)}%` : '-';
    const wasmShare = r.gflops !== null && wasm !== null && r.implementation === 'evalkit' ? `${((100 * r.gflops) / (wasm * cores(r))).toFixed(0)}%` : '-';
    const memShare = r.gflops === null ? `${((100 * r.gbps) / c.stream.copyGBps).toFixed(0)}%` : '-';
    return [
      ...head,
      `${formatWithInterval(r.medianMs, r.medianCi95Ms, { digits: r.medianMs < 10 ? 2 : 1 })}${r.unstable ? ' !' : ''}`,
      r.samples,
      r.value.toFixed(8),
      r.gflops === null ? `${r.gbps.toFixed(2)} GB/s` : `${r.gflops.toFixed(1)} GFLOP/s`,
      computeShare,
      wasmShare,
      memShare,
    ];
  });
  const table = formatTable(['task', 'implementation', 'threads', 'median ms [95% CI]', 'n', 'value', 'throughput', 'of fp64 peak', 'of wasm f64x2 peak', 'of memcpy'], rows);
  const ratioLines = outcome.ratios.map((r) => `  ${r.label}: ${formatWithInterval(r.value, r.ci95, { suffix: 'x', digits: 2 })}`);
  const unstable = outcome.rows.filter((r) => r.state === 'completed' && r.unstable).length;
  const peak = c.peakOneCore;
  return [
    `input: ${outcome.input.width}x${outcome.input.height} RGB uint8, ${outcome.input.frames} frames; ${outcome.input.description}`,
    `evalkit kernels: WebAssembly ${outcome.kernelVariant === 'fma' ? 'f64x2 with relaxed-SIMD fused multiply-add' : outcome.kernelVariant}; scikit-image ${outcome.skimageVersion ?? 'not run'}`,
    '',
    table,
    '',
    "ratios of medians (above 1: the second is faster), 95% paired bootstrap intervals over interleaved runs:",
    ...ratioLines,
    '',
    'ceilings, measured or computed in this run:',
    `  fp32 FMA peak, one core: ${peak ? peak.formula : 'unknown on this OS'}`,
    `  fp64 FMA peak, one core: ${fp64 === null ? 'unknown' : `${fp64.toFixed(1)} GFLOP/s (half the fp32 lanes); SSIM's nominal arithmetic: 5 moment maps x 2 passes x 11 taps x 2 FLOP per sample`}`,
    `  WebAssembly f64x2 peak, one core: ${wasm === null ? 'unknown' : `${wasm.toFixed(1)} GFLOP/s (128-bit vectors: 2 float64 lanes x ${peak?.inputs.fmaUnitsPerCore} FMA units x 2 x ${peak?.inputs.ghz.toFixed(3)} GHz)`}`,
    `  memory: STREAM copy ${c.stream.copyGBps.toFixed(1)} GB/s, triad ${c.stream.triadGBps.toFixed(1)} GB/s (${c.stream.arrayBytes / 2 ** 20} MiB arrays, best of ${c.stream.repeats}, one thread); PSNR and flicker count input bytes read`,
    ...(unstable ? [`! ${unstable} unstable row${unstable > 1 ? 's' : ''} (CV > 10% or interval wider than the target): measure on an idle machine`] : []),
  ].join('\n');
}

/** Registers `evalkit bench metrics`. */
export function registerBenchMetrics(program: Command): void {
  const cmd = commandGroup(program, 'bench', 'benchmarks: measure ours and the reference side by side and print the ratio')
    .command('metrics')
    .description("time evalkit's SSIM, MS-SSIM, PSNR and flicker against scikit-image and ssim.js, with this machine's FMA and memory ceilings")
    .option('--width <px>', 'frame width', frameSide, 1280)
    .option('--height <px>', 'frame height', frameSide, 720)
    .option('--frames <n>', 'frames of the clip that PSNR and flicker stream through', positiveInt, 17)
    .option('--threads <n>', 'threads of the multi-threaded SSIM and MS-SSIM rows (one-thread rows are always measured)', positiveInt, threadCap())
    .option('--reference-runs <n>', "timed runs of scikit-image and ssim.js, each interleaved with a run of evalkit's", positiveInt, 10)
    .option('--seed <n>', 'seed of the synthetic clip', positiveInt, 1)
    .option('--no-skimage', "leave scikit-image out (it runs in Debian's /usr/bin/python3, or EVALKIT_PYTHON)")
    .option('--no-ssim-js', 'leave ssim.js out')
    .option('--out <file>', 'write the metrics-bench result document here (atomically)')
    .option('--json', 'print the result document as JSON instead of the table');
  addSamplingFlags(cmd, { minRuns: 5, maxRuns: 40, maxTimeS: 20, warmup: 2 }).addHelpText(
    'after',
    `
Rows: SSIM (Wang: Gaussian 11, sigma 1.5, all three channels) of one frame pair on 1 and --threads
threads, and scikit-image's structural_similarity on the same pair (one thread); SSIM of the luma
pair against ssim.js ('original' Gaussian window, no downsampling: it compares luma only); MS-SSIM;
PSNR over the clip against scikit-image's peak_signal_noise_ratio; flicker over the clip. Ratios
carry 95% bootstrap intervals. Run it on an otherwise idle machine: other processes inflate every row.

Examples:
  evalkit bench metrics
  evalkit bench metrics --threads 2 --min-runs 10 --out reports/metrics-bench.json
  evalkit bench metrics --width 640 --height 360 --frames 5 --no-skimage --runs 3`,
  );
  cmd.action(async (opts: BenchMetricsOptions) => {
    const sampling = samplingOptions(opts);
    const threads = clampThreads(opts.threads);
    const startedAt = new Date();
    const before = await systemLoad();
    const progress = createProgressReporter({ silent: false });
    const task = progress.start('bench metrics', 7);
    let outcome: MetricsBenchOutcome;
    try {
      outcome = await runMetricsBench({
        width: opts.width,
        height: opts.height,
        frames: opts.frames,
        threads,
        sampling,
        referenceRuns: opts.referenceRuns,
        seed: opts.seed,
        python: opts.skimage ? referencePython() : null,
        ssimJs: opts.ssimJs,
        onStep: (m) => task.tick(1, m),
      });
      task.done(`${outcome.rows.length} rows`);
    } finally {
      progress.stop();
    }
    const system = { before, after: await systemLoad() };
    const config = { width: opts.width, height: opts.height, frames: opts.frames, threads, referenceRuns: opts.referenceRuns, seed: opts.seed, skimage: opts.skimage, ssimJs: opts.ssimJs, sampling };
    const manifest = cliManifest('bench metrics', { config, seed: opts.seed, startedAt, system });
    const doc = createResultDocument('metrics-bench', manifest, outcome.rows, {
      config,
      summary: { ratios: outcome.ratios, ceilings: outcome.ceilings, kernelVariant: outcome.kernelVariant, skimageVersion: outcome.skimageVersion, input: outcome.input },
    });
    if (opts.out) writeResultDocument(opts.out, doc);
    if (opts.json) printJson(doc);
    else {
      const load = (l: typeof before) => `load ${l.loadAverage.map((v) => v.toFixed(2)).join(' ')}${l.busiest.length ? `, busiest: ${l.busiest.slice(0, 3).map((p) => `${p.command} ${p.cpuPercent}%`).join(', ')}` : ''}`;
      process.stdout.write(`${formatMetricsBench(outcome)}\n\nmachine before: ${load(system.before)}\nmachine after:  ${load(system.after)}\n${opts.out ? `\nwrote ${opts.out}\n` : ''}`);
    }
  });
}
