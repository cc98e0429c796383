import { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { createResultDocument, ERROR_CODES, EvalkitError, readPaperValues, writeResultDocument } from '@evalkit/core';
import { createProgressReporter } from '../shared/progress';
import { listZooModels } from '@evalkit/decoder-zoo';
import { parseFrameRule } from '@evalkit/decoder-runtime';
import { filesByModel, formatWithInterval, parseBenchModels, runDecoderBench, SESSION_SUFFIX_HELP, type DecoderBenchRow, type DecoderBenchSummary } from '@evalkit/bench';
import { cliManifest } from '../shared/context';
import { formatTable, printJson } from '../shared/output';
import { clampThreads, commaList, compressionList, frameSide, latentFrameCount, nonNegativeInt, outputFrameCount, positiveInt, positiveNumber, repeatable } from '../shared/parse';
import { addSamplingFlags, samplingOptions, type SamplingFlags } from '../shared/sampling-flags';
import { commandGroup } from './bench-kernels';
import { deviceWithoutQueue, queuedBenchmarkError, runQueuedBenchmark } from '../shared/queue-jobs';

/** Options of `evalkit bench decoders` as commander parses them. */
interface BenchDecodersOptions extends SamplingFlags {
  models: string[];
  height: number;
  width: number;
  latentFrames?: number;
  frames?: number;
  threads: number;
  seed: number;
  widthMult: number;
  ceiling: boolean;
  pin?: boolean;
  ep: string;
  weights?: string;
  pair?: string[];
  latents?: string;
  compression?: [number, number, number];
  frameRule?: string;
  latentChannels?: number;
  referenceCode?: string;
  out?: string;
  json?: boolean;
  queue?: string;
  device?: string;
}

/** Checkpoints per model from --weights: "NAME=FILE,..." (NAME a --models label) or a bare FILE when one model is benched. */
export function weightsByModel(spec: string | undefined, models: readonly string[]): Record<string, string> {
  return filesByModel(spec, parseBenchModels(models).map((m) => m.id), '--weights', 'one');
}

const mark = (unstable: boolean) => (unstable ? ' !' : '');

const onOff = (v: boolean | null) => (v === null ? 'default' : v ? 'on' : 'off');

/** One line per distinct set of session options, naming the onnxruntime rows that ran with it. */
function sessionLines(rows: readonly DecoderBenchRow[]): string[] {
  const byText = new Map<string, string[]>();
  for (const r of rows) {
    if (!r.session) continue;
    const s = r.session;
    const text = `${s.executionProvider}, ${s.threads ?? 'default'} threads, optimisation ${s.graphOptimizationLevel}, spinning ${onOff(s.allowSpinning)}, arena ${onOff(s.cpuMemArena)}, memory pattern ${onOff(s.memPattern)}`;
    byText.set(text, [...(byText.get(text) ?? []), r.model]);
  }
  return [...byText].map(([text, models]) => `session: ${text}: ${models.join(', ')}`);
}

/** The terminal form of a decoder-bench run: ceilings, rows with intervals, pairs, stability notes. */
export function formatDecoderBench(rows: readonly DecoderBenchRow[], summary: DecoderBenchSummary, head: string): string {
  const c = summary.ceilings;
  const lines = [head];
  if (c) {
    lines.push(`compute ceiling: ${c.compute.effective.toFixed(1)} GFLOP/s (${c.compute.raisedBy.length ? `raised by ${c.compute.raisedBy.join(', ')} above the measured ${c.compute.measured.toFixed(1)}` : `best measured GEMM, ${c.gemm.bestSize}^3`}); memory: STREAM copy ${c.memcpyGBps.toFixed(1)} GB/s, triad ${c.triadGBps.toFixed(1)} GB/s`);
    lines.push(`theoretical peak: ${c.theoretical ? c.theoretical.formula : 'unknown on this OS'}`);
  } else lines.push('ceilings: not measured');
  lines.push(
    '',
    formatTable(
      ['model', 'T', 'frames', 'n', 'median s [95% CI]', 'CV', 'outliers', 'FPS', 'peak RSS MB', 'GMAC', 'GFLOP/s', 'of ceiling', 'stop'],
      rows.map((r) => [
        `${r.model}${mark(r.unstable)}`,
        r.latentFrames,
        r.outputFrames,
        r.samples,
        formatWithInterval(r.medianMs / 1000, [r.medianCi95Ms[0] / 1000, r.medianCi95Ms[1] / 1000], { digits: 3 }),
        `${(100 * r.cv).toFixed(1)}%`,
        r.outliers.indices.length,
        r.fps.toFixed(2),
        r.peakRssBytes === null ? '-' : (r.peakRssBytes / 2 ** 20).toFixed(0),
        r.macs === null ? '-' : (r.macs / 1e9).toFixed(1),
        r.gflops === null ? '-' : `${r.gflops.toFixed(1)}${r.aboveMeasuredCeiling ? ' ^' : ''}`,
        r.ceilingFraction === null ? '-' : `${(100 * r.ceilingFraction).toFixed(0)}%`,
        r.stopReason,
      ]),
    ),
  );
  if (summary.pairs.length) {
    lines.push('', formatTable(['baseline', 'candidate', 'speedup [95% CI] (ours, paired)', 'paper GPU speedup'], summary.pairs.map((p) => [p.baseline, `${p.candidate}${mark(p.unstable)}`, formatWithInterval(p.speedup, p.speedupCi95, { suffix: 'x', digits: 2 }), p.paperGpuSpeedup === null ? '-' : `${p.paperGpuSpeedup.toFixed(2)}x`])));
  }
  const files = rows.filter((r) => r.file !== null);
  if (files.length) lines.push('', ...files.map((r) => `${r.model}: ${r.file!.path}, ${(r.file!.bytes / 2 ** 20).toFixed(2)} MiB, sha256 ${r.file!.sha256}, ${r.params.toLocaleString('en-US')} parameters (float initializers)${r.latents ? `, latents ${r.latents}` : ''}`));
  const sessions = sessionLines(rows);
  if (sessions.length) lines.push('', ...sessions);
  const unstable = rows.filter((r) => r.unstable);
  if (unstable.length) lines.push('', '! unstable (run again on an idle machine, or raise --max-runs/--max-time):', ...unstable.map((r) => `  ${r.model}: ${r.unstableReasons.join('; ')}`));
  if (rows.some((r) => r.aboveMeasuredCeiling)) lines.push('^ above the measured GEMM ceiling, which it therefore raised');
  const load = (s: DecoderBenchSummary['system']['before']) => `load ${s.loadAverage.map((v) => v.toFixed(2)).join(' ')}${s.busiest.length ? `, busiest: ${s.busiest.slice(0, 3).map((p) => `${p.command} ${p.cpuPercent}%`).join(', ')}` : ''}`;
  lines.push('', `machine before: ${load(summary.system.before)}`, `machine after:  ${load(summary.system.after)}`, `pinning: ${summary.pin}`);
  const torch = rows.filter((r) => r.reference);
  if (torch.length) lines.push('', ...torch.map((r) => `${r.model}: PyTorch ${r.reference!.torch} eager (${r.reference!.python}), reference ${r.reference!.model} from ${r.reference!.code}${r.reference!.commit ? ` at ${r.reference!.commit.slice(0, 12)}` : ''}${r.weights ? `, weights ${r.weights}` : ', seeded weights'}`));
  for (const s of summary.skipped ?? []) lines.push(`skipped: ${s.model}: ${s.reason}`);
  for (const e of summary.errors) lines.push(`error: ${e.model}: ${e.error}`);
  return lines.join('\n');
}

/** Registers `evalkit bench decoders`. */
export function registerBenchDecoders(program: Command): void {
  const cmd = commandGroup(program, 'bench', 'benchmarks: measure ours and the reference side by side and print the ratio')
    .command('decoders')
    .description('time decoders end to end in onnxruntime (zoo graphs and your own ONNX files, one long-lived child process per model, pairs interleaved): FPS, latency with intervals, peak RSS, GFLOP/s vs measured ceilings, pair speedups with intervals')
    .option('--models <list>', `comma-separated decoders, each [LABEL=]NAME: a zoo decoder (${listZooModels().join(', ')}), zoo:NAME@WEIGHTS.safetensors, FILE.onnx, or torch:NAME[@WEIGHTS] (the reference PyTorch model, eager; needs --reference-code); onnxruntime rows may end in session options ${SESSION_SUFFIX_HELP}`, commaList, ['turbo-vaed-hunyuan', 'hunyuanvideo'])
    .option('--pair <baseline:candidate>', 'report candidate FPS / baseline FPS for these two labels, timed interleaved (repeatable; default: the zoo\'s baseline/Turbo pairs present)', repeatable)
    .option('--height <px>', 'output height', frameSide, 256)
    .option('--width <px>', 'output width', frameSide, 256)
    .option('--latent-frames <n>', 'latent frames T for every model (default: from --frames per model)', latentFrameCount)
    .option('--frames <n>', 'output frames: each model gets the latent frames that give at least this many (17 -> T=5 for 4T-3, T=3 for 8T-7)', outputFrameCount, 17);
  addSamplingFlags(cmd, { minRuns: 5, maxRuns: 30, maxTimeS: 120, warmup: 1 })
    .option('--threads <n>', 'onnxruntime intra-op threads, at most the logical cores (the GEMM ceiling uses the same)', positiveInt, availableParallelism())
    .option('--pin', 'pin the child processes to CPUs 0..threads-1 (taskset, where the OS has it)')
    .option('--width-mult <x>', 'channel width multiplier in (0, 1] (1 = the published decoders)', positiveNumber, 1)
    .option('--seed <n>', 'seed of weights and latents', nonNegativeInt, 0)
    .option('--weights <spec>', 'safetensors checkpoints instead of seeded weights: NAME=FILE[,NAME=FILE...] (or FILE when one model is benched)')
    .option('--latents <spec>', 'decode these latents instead of seeded random ones: FILE.npy | FILE.npz[:KEY] | FILE.safetensors[:KEY] for every model, or LABEL=FILE[,LABEL=FILE...]; a zoo graph is built at their size')
    .option('--compression <t,h,w>', 'ONNX files with symbolic latent sizes: the decoder\'s compression (default 4,8,8)', compressionList)
    .option('--frame-rule <rule>', 'ONNX files with symbolic latent sizes: 4T-3 (causal) or 4T (default causal)')
    .option('--latent-channels <n>', 'ONNX files with symbolic channels: latent channels of random latents (default 16)', positiveInt)
    .option('--reference-code <dir>', 'torch:NAME models: your checkout of github.com/hustvl/Turbo-VAED, run with Debian\'s python3-torch (EVALKIT_PYTHON names another interpreter)')
    .option('--no-ceiling', 'skip the ceiling measurements (ceilingFraction becomes null)')
    .option('--ep <name>', 'onnxruntime execution provider', 'cpu')
    .option('--out <file>', 'write the decoder-bench result document here (atomically)')
    .option('--json', 'print the result document as JSON')
    .option('--queue <url>', 'run it on a worker of this Redis queue (redis://HOST:PORT/DB) instead of here; needs --device')
    .option('--device <label>', 'with --queue: run on a worker started with `evalkit worker --device LABEL`')
    .addHelpText(
      'after',
      `
Each model runs in its own long-lived Node process (a zoo graph built with seeded weights or a
checkpoint's, or your ONNX file; seeded random latents or --latents), so its peak RSS is its own; the
models of a pair alternate A B A B so drift hits both alike. An ONNX file must take one float32
latent of rank 5; dims it fixes are used as they are, symbolic ones follow --height/--width/--frames
through --compression and --frame-rule. Its row records the path, size, SHA-256 and parameter count. Wall
time is decode only (session.run on the whole clip), after warm-up. Sampling stops when every
median's 95% interval is within --target-ci, or at --max-runs, or after --max-time (the document
says which). FPS = output frames / median time; GFLOP/s = 2 x MACs / median time; the fraction is of
the best measured GEMM (sizes 512-2048, in onnxruntime), raised by any decoder that beats it.
speedup = candidate FPS / baseline FPS with a paired-bootstrap 95% interval, next to the paper's GPU
speedup (512x512, fixtures/paper/turbo-vaed.json) when both are zoo decoders the paper timed.
A zoo graph runs with its measured per-model onnxruntime session options (decoder-zoo's
session-choice.ts, chosen by tools/bench/choose-session-options.ts); a row's #KEY=VALUE overrides them,
and every row records the options it ran with. "!" marks an unstable row (CV > 10% or interval
wider than the target).

Examples:
  evalkit bench decoders                                                     Turbo-Hunyuan vs HunyuanVideo, 256x256x17
  evalkit bench decoders --models turbo-vaed-hunyuan,hunyuanvideo,turbo-vaed-cog,cogvideox,turbo-vaed-ltx,ltx-video-0.9.0 \\
      --height 256 --width 256 --frames 17 --max-runs 10 --max-time 600 --pin --out reports/decoders.json
  evalkit bench decoders --models turbo-vaed-hunyuan,hunyuanvideo --height 64 --width 64 --latent-frames 5 --width-mult 0.25 --target-ci 2%
  evalkit bench decoders --models hunyuanvideo,mine=my_decoder.onnx --pair hunyuanvideo:mine --height 256 --width 256
  evalkit bench decoders --models base=zoo:hunyuanvideo@vae/diffusion_pytorch_model.safetensors,mine=my_decoder.onnx \\
      --pair base:mine --latents z.npy --out reports/mine-vs-hunyuan.json
  evalkit bench decoders --models ours=zoo:hunyuanvideo,export=exports/hunyuanvideo.onnx,eager=torch:hunyuanvideo \\
      --pair export:ours --pair eager:ours --reference-code ~/Turbo-VAED --height 64 --width 64 --frames 17 --pin
  evalkit bench decoders --models zoo:wan-2.1,nopat=zoo:wan-2.1#pattern=off --pair wan-2.1:nopat --height 64 --width 64

torch:NAME runs the reference PyTorch decoder of the zoo decoder NAME (vae.decode on the same latents,
torch.no_grad, torch.set_num_threads(--threads)) in a long-lived Python child that interleaves with the
onnxruntime rows. Without python3-torch or the reference code its row is skipped with the reason.`,
    )
    .action(async (opts: BenchDecodersOptions, command: Command) => {
      const sampling = samplingOptions(opts);
      const ids = parseBenchModels(opts.models).map((m) => m.id);
      const weights = filesByModel(opts.weights, ids, '--weights', 'one');
      const latents = filesByModel(opts.latents, ids, '--latents', 'all');
      const compression = opts.compression ?? [4, 8, 8];
      const fileGeometry = opts.compression !== undefined || opts.frameRule !== undefined ? parseFrameRule(opts.frameRule ?? `${compression[0]}T-${compression[0] - 1}`, compression) : undefined;
      if (opts.queue !== undefined) {
        const queued = await runQueuedBenchmark('decoders', command, { queue: opts.queue, device: opts.device });
        const doc = queued.document;
        if (opts.out) writeResultDocument(opts.out, doc);
        if (opts.json) printJson(doc);
        else process.stdout.write(`${formatDecoderBench(doc.results as unknown as DecoderBenchRow[], doc.summary as unknown as DecoderBenchSummary, `ran on worker ${queued.worker} (device ${opts.device})`)}${opts.out ? `\n\nwrote ${opts.out}` : ''}\n`);
        const error = queuedBenchmarkError(queued);
        if (error) throw error;
        return;
      }
      if (opts.device !== undefined) throw deviceWithoutQueue(opts.device);
      // More threads than cores only measure contention, and the ceilings would not be this machine's
      // (a queued job is clamped by the worker that runs it, on its own cores).
      opts.threads = clampThreads(opts.threads);
      const startedAt = new Date();
      const progress = createProgressReporter({ silent: opts.json === true && !process.stderr.isTTY });
      const task = progress.start('bench decoders', 1);
      let outcome;
      try {
        outcome = await runDecoderBench({
          models: opts.models,
          pairs: opts.pair,
          latents,
          fileGeometry,
          latentChannels: opts.latentChannels,
          referenceCode: opts.referenceCode,
          height: opts.height,
          width: opts.width,
          latentFrames: opts.latentFrames,
          frames: opts.frames ?? 17,
          threads: opts.threads,
          widthMult: opts.widthMult,
          seed: opts.seed,
          weights,
          executionProvider: opts.ep,
          sampling,
          ceiling: opts.ceiling,
          pin: opts.pin === true,
          // Joined when the document is written, from core's one reader of fixtures/paper.
          paper: readPaperValues().turboVaed,
          onProgress: (m) => task.tick(0, m),
        });
        task.done();
      } finally {
        progress.stop();
      }
      const { rows, summary, config } = outcome;
      const doc = createResultDocument('decoder-bench', cliManifest('bench decoders', { config, seed: opts.seed, startedAt, executionProvider: opts.ep, system: summary.system }), rows, { config, summary });
      if (opts.out) writeResultDocument(opts.out, doc);
      if (opts.json) printJson(doc);
      else {
        const head = `${opts.threads} threads, ${opts.height}x${opts.width}, width x${opts.widthMult}; sampling ${sampling.minRuns}-${sampling.maxRuns} runs, ${sampling.maxTimeMs / 1000} s, target ±${(100 * (sampling.targetCi ?? 0.05)).toFixed(1)}%, A B interleaved`;
        process.stdout.write(`${formatDecoderBench(rows, summary, head)}${opts.out ? `\n\nwrote ${opts.out}` : ''}\n`);
      }
      if (summary.errors.length > 0 && rows.length === 0) throw new EvalkitError(ERROR_CODES.RUNTIME, `every model failed: ${summary.errors.map((e) => `${e.model}: ${e.error}`).join('; ')}`);
    });
}
