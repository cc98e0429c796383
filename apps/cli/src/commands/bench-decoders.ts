import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { createResultDocument, ERROR_CODES, EvalkitError, writeResultDocument } from '@evalkit/core';
import { createProgressReporter } from '../shared/progress';
import { isZooModelName, listZooModels, ZOO_PAIRS } from '@evalkit/decoder-zoo';
import { measureCeilings } from '@evalkit/kernel-bench';
import { latencyOf, runZooDecodeJobInChild, type DecoderBenchRow, type DecoderBenchSummary } from '@evalkit/decoder-runtime';
import { latentFramesFor } from '../shared/zoo-frames';
import { cliManifest, REPO_ROOT } from '../shared/context';
import { formatTable, printJson } from '../shared/output';
import { commaList, nonNegativeInt, positiveInt, positiveNumber } from '../shared/parse';
import { commandGroup } from './bench-kernels';

/** Options of `evalkit bench decoders` as commander parses them. */
interface BenchDecodersOptions {
  models: string[];
  height: number;
  width: number;
  latentFrames?: number;
  frames?: number;
  runs: number;
  warmup: number;
  threads: number;
  seed: number;
  widthMult: number;
  ceiling: boolean;
  ep: string;
  weights?: string;
  out?: string;
  json?: boolean;
}

interface PaperModels {
  models: Record<string, { gpuFps: number | null }>;
}

/** The paper's GPU speedup of a pair (Turbo FPS / baseline FPS at 512x512), from fixtures/paper/turbo-vaed.json. */
export function paperGpuSpeedup(baseline: string, turbo: string, paper: PaperModels): number | null {
  const b = paper.models[baseline]?.gpuFps;
  const t = paper.models[turbo]?.gpuFps;
  return b && t ? t / b : null;
}


/** Speedups of every baseline/Turbo pair present: Turbo FPS / baseline FPS (= baseline time / Turbo time at equal frames). */
export function pairSpeedups(rows: readonly DecoderBenchRow[], paper: PaperModels): DecoderBenchSummary['pairs'] {
  const pairs: DecoderBenchSummary['pairs'] = [];
  for (const { baseline, turbo } of ZOO_PAIRS) {
    const b = rows.find((r) => r.model === baseline);
    const t = rows.find((r) => r.model === turbo);
    if (b && t) pairs.push({ baseline, turbo, speedup: t.fps / b.fps, paperGpuSpeedup: paperGpuSpeedup(baseline, turbo, paper) });
  }
  return pairs;
}

/** Checkpoints per model from --weights: "NAME=FILE,..." or a bare FILE when one model is benched. */
export function weightsByModel(spec: string | undefined, models: readonly string[]): Record<string, string> {
  if (spec === undefined) return {};
  if (!spec.includes('=')) {
    if (models.length !== 1) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'with several --models, name each checkpoint: NAME=FILE,NAME=FILE', { field: '--weights', value: spec });
    return { [models[0]]: spec };
  }
  const out: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const at = part.indexOf('=');
    const name = part.slice(0, at);
    if (at <= 0 || !models.includes(name)) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `expected NAME=FILE with NAME one of the benched models (${models.join(', ')})`, { field: '--weights', value: part });
    out[name] = part.slice(at + 1);
  }
  return out;
}

/** Registers `evalkit bench decoders`. */
export function registerBenchDecoders(program: Command): void {
  commandGroup(program, 'bench', 'benchmarks: measure ours and the reference side by side and print the ratio')
    .command('decoders')
    .description('time zoo decoders end to end in onnxruntime (one child process per model): FPS, latency, peak RSS, GFLOP/s vs a MatMul ceiling, Turbo speedups')
    .option('--models <list>', `comma-separated zoo decoders (${listZooModels().join(', ')})`, commaList, ['turbo-vaed-hunyuan', 'hunyuanvideo'])
    .option('--height <px>', 'output height', positiveInt, 256)
    .option('--width <px>', 'output width', positiveInt, 256)
    .option('--latent-frames <n>', 'latent frames T for every model (default: from --frames per model)', positiveInt)
    .option('--frames <n>', 'output frames: each model gets the latent frames that give at least this many (17 -> T=5 for 4T-3, T=3 for 8T-7)', positiveInt, 17)
    .option('--runs <n>', 'timed decodes per model', positiveInt, 3)
    .option('--warmup <n>', 'untimed decodes before timing', nonNegativeInt, 1)
    .option('--threads <n>', 'onnxruntime intra-op threads (the MatMul ceiling uses the same)', positiveInt, availableParallelism())
    .option('--width-mult <x>', 'channel width multiplier in (0, 1] (1 = the published decoders)', positiveNumber, 1)
    .option('--seed <n>', 'seed of weights and latents', nonNegativeInt, 0)
    .option('--weights <spec>', 'safetensors checkpoints instead of seeded weights: NAME=FILE[,NAME=FILE...] (or FILE when one model is benched)')
    .option('--no-ceiling', 'skip the MatMul ceiling measurement (ceilingFraction becomes null)')
    .option('--ep <name>', 'onnxruntime execution provider', 'cpu')
    .option('--out <file>', 'write the decoder-bench result document here (atomically)')
    .option('--json', 'print the result document as JSON')
    .addHelpText(
      'after',
      `
Each model runs in its own Node process (graph built with seeded weights, random latents), so its peak
RSS is its own. Wall time is decode only (session.run on the whole clip), after warm-up.
FPS = output frames / median time; GFLOP/s = 2 x MACs / median time; ceilingFraction = GFLOP/s over a
1024^3 MatMul in onnxruntime measured at the start of the same run. speedup = Turbo FPS / baseline FPS,
next to the paper's GPU speedup (512x512, fixtures/paper/turbo-vaed.json).

Examples:
  evalkit bench decoders                                                     Turbo-Hunyuan vs HunyuanVideo, 256x256x17
  evalkit bench decoders --models turbo-vaed-hunyuan,hunyuanvideo,turbo-vaed-cog,cogvideox,turbo-vaed-ltx,ltx-video-0.9.0 \\
      --height 256 --width 256 --frames 17 --runs 2 --warmup 1 --out reports/decoders.json
  evalkit bench decoders --models turbo-vaed-hunyuan,hunyuanvideo --height 64 --width 64 --latent-frames 5 --width-mult 0.25`,
    )
    .action(async (opts: BenchDecodersOptions) => {
      for (const m of opts.models) if (!isZooModelName(m)) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `unknown zoo decoder; the zoo has ${listZooModels().join(', ')}`, { field: '--models', value: m });
      const paper = JSON.parse(readFileSync(resolve(REPO_ROOT, 'fixtures/paper/turbo-vaed.json'), 'utf8')) as PaperModels;
      const startedAt = new Date();
      const weights = weightsByModel(opts.weights, opts.models);
      const progress = createProgressReporter({ silent: opts.json === true && !process.stderr.isTTY });
      const task = progress.start('bench decoders', opts.models.length + 1);
      const rows: DecoderBenchRow[] = [];
      const errors: { model: string; error: string }[] = [];
      let ceiling: number | null = null;
      try {
        if (opts.ceiling) ceiling = (await measureCeilings({ threads: opts.threads, timeBudgetMs: 1500, memcpyBytes: 16 * 2 ** 20 })).matmulGflops;
        task.tick(1, ceiling === null ? 'no ceiling' : `MatMul ${ceiling.toFixed(1)} GFLOP/s`);
        for (const model of opts.models) {
          const latentFrames = opts.latentFrames ?? latentFramesFor(model, opts.frames ?? 17);
          try {
            const r = await runZooDecodeJobInChild({ model, height: opts.height, width: opts.width, latentFrames, widthMult: opts.widthMult, seed: opts.seed, threads: opts.threads, executionProvider: opts.ep, mode: 'time', runs: opts.runs, warmup: opts.warmup, weights: weights[model] });
            const lat = r.latency ?? latencyOf([NaN]);
            const outputFrames = r.outputShape[2];
            const gflops = (2 * r.macs) / (lat.medianMs / 1000) / 1e9;
            rows.push({
              model,
              label: r.label,
              height: opts.height,
              width: opts.width,
              latentFrames,
              outputFrames,
              runs: lat.runs,
              meanMs: lat.meanMs,
              medianMs: lat.medianMs,
              p99Ms: lat.p99Ms,
              sdMs: lat.sdMs,
              minMs: lat.minMs,
              fps: outputFrames / (lat.medianMs / 1000),
              peakRssBytes: r.peakRssBytes,
              params: r.params,
              macs: r.macs,
              gflops,
              ceilingFraction: ceiling === null ? null : gflops / ceiling,
              widthMult: opts.widthMult,
              setupSeconds: r.setupSeconds,
            });
            task.tick(1, `${model} ${(lat.medianMs / 1000).toFixed(2)} s`);
          } catch (error) {
            errors.push({ model, error: (error as Error).message });
            task.tick(1, `${model} failed`);
          }
        }
        task.done();
      } finally {
        progress.stop();
      }
      const summary: DecoderBenchSummary = { matmulCeilingGflops: ceiling, pairs: pairSpeedups(rows, paper), errors };
      const config = { models: opts.models, height: opts.height, width: opts.width, latentFrames: opts.latentFrames ?? null, frames: opts.latentFrames ? null : (opts.frames ?? 17), runs: opts.runs, warmup: opts.warmup, ep: opts.ep, threads: opts.threads, widthMult: opts.widthMult, seed: opts.seed, ...(opts.weights !== undefined ? { weights } : {}) };
      const doc = createResultDocument('decoder-bench', cliManifest('bench decoders', { config, seed: opts.seed, startedAt, executionProvider: opts.ep }), rows, { config, summary });
      if (opts.out) writeResultDocument(opts.out, doc);
      if (opts.json) printJson(doc);
      else {
        const f = (v: number, d: number) => v.toFixed(d);
        const lines = [
          `MatMul ceiling (this run): ${ceiling === null ? 'not measured' : `${ceiling.toFixed(1)} GFLOP/s`}, ${opts.threads} threads, ${opts.height}x${opts.width}, width x${opts.widthMult}`,
          '',
          formatTable(
            ['model', 'T', 'frames', 'median s', 'p99 s', 'FPS', 'peak RSS MB', 'params M', 'GMAC', 'GFLOP/s', 'ceiling'],
            rows.map((r) => [r.model, r.latentFrames, r.outputFrames, f(r.medianMs / 1000, 3), f(r.p99Ms / 1000, 3), f(r.fps, 2), f(r.peakRssBytes / 2 ** 20, 0), f(r.params / 1e6, 2), f(r.macs / 1e9, 1), f(r.gflops, 1), r.ceilingFraction === null ? '-' : `${(100 * r.ceilingFraction).toFixed(0)}%`]),
          ),
        ];
        if (summary.pairs.length) {
          lines.push('', formatTable(['baseline', 'turbo', 'speedup (ours)', 'paper GPU speedup'], summary.pairs.map((p) => [p.baseline, p.turbo, `${p.speedup.toFixed(2)}x`, p.paperGpuSpeedup === null ? '-' : `${p.paperGpuSpeedup.toFixed(2)}x`])));
        }
        for (const e of errors) lines.push(`error: ${e.model}: ${e.error}`);
        if (opts.out) lines.push('', `wrote ${opts.out}`);
        process.stdout.write(`${lines.join('\n')}\n`);
      }
      if (errors.length > 0 && rows.length === 0) throw new EvalkitError(ERROR_CODES.RUNTIME, `every model failed: ${errors.map((e) => `${e.model}: ${e.error}`).join('; ')}`);
    });
}
