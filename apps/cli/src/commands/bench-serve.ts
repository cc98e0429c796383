import { Command } from 'commander';
import { resolve } from 'node:path';
import { ERROR_CODES, EvalkitError, gitRevision, readPaperValues } from '@evalkit/core';
import { isZooModelName, listZooModels } from '@evalkit/decoder-zoo';
import { PRESETS, VARIANTS } from '@evalkit/kernel-bench';
import {
  BROWSER_BENCH_DEFAULTS,
  buildPlan,
  DecoderAssets,
  readTlsFiles,
  startBrowserBenchServer,
  terminalQrCode,
  WEB_BACKENDS,
  type BrowserBenchServer,
  type ServerEvent,
} from '@evalkit/browser-bench';
import { REPO_ROOT, TOOL_VERSION } from '../shared/context';
import { commaList, frameSide, nonNegativeInt, outputFrameCount, positiveInt, positiveNumber } from '../shared/parse';
import { relativeWidth, samplingOptions, type SamplingFlags } from '../shared/sampling-flags';
import { commandGroup } from './bench-kernels';
import { weightsByModel } from './bench-decoders';

/** Options shared by `bench serve` and `bench browser`, as commander parses them. */
export interface BrowserBenchOptions extends SamplingFlags {
  out: string;
  host: string;
  port: number;
  backends: string[];
  decoderBackends?: string[];
  kernels: boolean;
  preset: string;
  variants?: string[];
  timeBudget?: number;
  minSamples?: number;
  decoders: boolean;
  models: string[];
  height: number;
  width: number;
  frames: number;
  widthMult: number;
  threads?: number;
  seed: number;
  weights?: string;
  tlsCert?: string;
  tlsKey?: string;
}

/** Adds the options both browser commands take. */
export function browserBenchOptions(cmd: Command, which: 'serve' | 'browser'): Command {
  const d = BROWSER_BENCH_DEFAULTS;
  const defaults = d[which];
  return cmd
    .requiredOption('--out <dir>', 'run folder: one kernel-bench and one decoder-bench document per device and backend land here')
    .option('--host <address>', 'address to listen on (0.0.0.0: every network; then a token is required)', d.host)
    .option('--port <n>', 'port (0: any free port)', nonNegativeInt, defaults.port)
    .option('--backends <list>', `onnxruntime-web backends to try (${WEB_BACKENDS.join(', ')}); those the browser lacks are skipped`, commaList, [...defaults.backends])
    .option('--no-kernels', 'skip the kernel suite')
    .option('--preset <name>', `kernel shapes and timing: ${Object.keys(PRESETS).join(' | ')}`, d.preset)
    .option('--variants <list>', `kernel variants (${VARIANTS.map((v) => v.id).join(', ')}; 7 and 8 select both)`, commaList)
    .option('--time-budget <ms>', "time budget per timed kernel task in ms (default: the preset's)", positiveInt)
    .option('--min-samples <n>', "minimum samples per kernel task (default: the preset's)", positiveInt)
    .option('--no-decoders', 'skip the zoo decoders')
    .option('--decoder-backends <list>', `backends the decoders run on (default: ${defaults.decoderBackends?.join(',') ?? 'every backend'})`, commaList, defaults.decoderBackends ? [...defaults.decoderBackends] : undefined)
    .option('--models <list>', `zoo decoders (${listZooModels().join(', ')})`, commaList, [...d.models])
    .option('--height <px>', 'decoder output height', frameSide, d.height)
    .option('--width <px>', 'decoder output width', frameSide, d.width)
    .option('--frames <n>', 'decoder output frames (each model gets the latent frames that give at least this many)', outputFrameCount, d.frames)
    .option('--min-runs <n>', 'timed decodes always taken per decoder (pairs alternate A B, as in bench decoders)', positiveInt, d.minRuns)
    .option('--max-runs <n>', 'timed decodes never exceeded per decoder', positiveInt, d.maxRuns)
    .option('--max-time <s>', "time budget of a decoder pair's timed decodes in seconds (checked after each round)", positiveNumber, d.maxTimeSeconds)
    .option('--target-ci <x>', "stop a decoder pair once each median's 95% interval is within ± this (0.05 or 5%)", relativeWidth, d.targetCi)
    .option('--runs <n>', 'exactly this many timed decodes per decoder (sets --min-runs and --max-runs)', positiveInt)
    .option('--warmup <n>', 'untimed runs per kernel task and decoder', nonNegativeInt, d.warmup)
    .option('--width-mult <x>', 'decoder channel width multiplier in (0, 1] (a phone runs out of memory at 1)', positiveNumber, d.widthMult)
    .option('--threads <n>', "WebAssembly threads (default: the device's core count when the page is cross-origin isolated)", positiveInt)
    .option('--seed <n>', 'seed of kernel tensors, weights and latents', nonNegativeInt, d.seed)
    .option('--weights <spec>', 'safetensors checkpoints instead of seeded decoder weights: NAME=FILE[,NAME=FILE...] (or FILE with one model); widths from the checkpoint')
    .option('--tls-cert <file>', 'PEM certificate: serve HTTPS (a phone needs a secure context for WebGPU and threads)')
    .option('--tls-key <file>', 'PEM private key of --tls-cert');
}

/** Checks the options, builds the decoders' descriptions and starts the server. */
export async function startFromOptions(opts: BrowserBenchOptions, onEvent: (e: ServerEvent) => void): Promise<BrowserBenchServer> {
  if (opts.decoders) for (const m of opts.models) if (!isZooModelName(m)) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `unknown zoo decoder; the zoo has ${listZooModels().join(', ')}`, { field: '--models', value: m });
  if (!(opts.widthMult > 0 && opts.widthMult <= 1)) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'must be in (0, 1]', { field: '--width-mult', value: opts.widthMult });
  if ((opts.tlsCert === undefined) !== (opts.tlsKey === undefined)) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, '--tls-cert and --tls-key go together', { field: opts.tlsCert ? '--tls-key' : '--tls-cert', value: null });
  const decoderSettings = { height: opts.height, width: opts.width, frames: opts.frames, sampling: samplingOptions(opts), widthMult: opts.widthMult, seed: opts.seed };
  const weights = opts.decoders ? weightsByModel(opts.weights, opts.models) : {};
  const decoders = opts.decoders && opts.models.length ? new DecoderAssets({ models: opts.models, ...decoderSettings, weights }) : null;
  const plan = buildPlan({
    tool: { name: 'evalkit bench serve', toolVersion: TOOL_VERSION, command: ['evalkit', ...process.argv.slice(2)], gitRevision: gitRevision(REPO_ROOT) },
    backends: opts.backends,
    decoderBackends: opts.decoderBackends,
    threads: opts.threads ?? null,
    preset: opts.kernels ? opts.preset : null,
    variants: opts.variants,
    timeBudgetMs: opts.timeBudget,
    minSamples: opts.minSamples,
    warmup: opts.warmup,
    seed: opts.seed,
    decoders,
    decoderSettings,
    // Joined into the plan the page writes its documents from, from core's one reader of fixtures/paper.
    paper: readPaperValues().turboVaed,
  });
  return startBrowserBenchServer({
    outDir: resolve(opts.out),
    host: opts.host,
    port: opts.port,
    plan,
    decoders,
    tls: opts.tlsCert && opts.tlsKey ? readTlsFiles(opts.tlsCert, opts.tlsKey) : undefined,
    onEvent,
  });
}

/** One terminal line per server event (refusals included: a wrong token is worth seeing). */
export function describeEvent(e: ServerEvent): string {
  switch (e.type) {
    case 'progress':
      return `page: ${e.message}`;
    case 'device':
      return e.message
        .split('\n')
        .map((l) => `page: ${l}`)
        .join('\n');
    case 'done':
      return `page: ${e.message}`;
    case 'written':
      return `wrote ${e.file}`;
    case 'refused':
      return `refused a request (HTTP ${e.status}): ${e.reason}`;
  }
}

/** Registers `evalkit bench serve`. */
export function registerBenchServe(program: Command): void {
  const cmd = commandGroup(program, 'bench', 'benchmarks: measure ours and the reference side by side and print the ratio')
    .command('serve')
    .description('serve a page that runs the kernel suite and zoo decoders in any browser (onnxruntime-web: wasm, WebGPU, WebNN) and writes its results into the run folder');
  browserBenchOptions(cmd, 'serve')
    .option('--once', 'stop after the first page finishes')
    .addHelpText(
      'after',
      `
The page finds the backends the device offers, cross-checks every kernel against the TypeScript
reference before timing it, and posts ordinary kernel-bench / decoder-bench documents back: one per
device and backend, named <kind>.browser-<backend>.<device>.json, with a browser fingerprint (user
agent, cores, memory, WebGPU adapter, cross-origin isolation, onnxruntime-web version).

Safety: 127.0.0.1 by default. With --host 0.0.0.0 every request must carry the one-time token
printed in the URL (and as a QR code); the Host header must name this machine; posts are limited
to 8 MiB and must pass the result-document schema before anything is written.

Examples:
  evalkit bench serve --out reports/phone                      open the printed URL on this machine
  evalkit bench serve --out reports/phone --host 0.0.0.0       scan the QR code with a phone on the same network
  evalkit bench serve --out reports/phone --host 0.0.0.0 --tls-cert cert.pem --tls-key key.pem
  evalkit bench serve --out reports/phone --preset paper --variants 1,6 --no-decoders`,
    )
    .action(async (opts: BrowserBenchOptions & { once?: boolean }) => {
      let finish: () => void = () => undefined;
      const finished = new Promise<void>((r) => (finish = r));
      const server = await startFromOptions(opts, (e) => {
        process.stdout.write(`${describeEvent(e)}\n`);
        if (e.type === 'done' && opts.once) finish();
      });
      const lines = [`serving the browser benchmark; results go to ${resolve(opts.out)}`, `  on this machine: ${server.url}`];
      for (const u of server.lanUrls) lines.push(`  on the network:  ${u}`);
      if (server.lanUrls.length) lines.push('', terminalQrCode(server.lanUrls[0]));
      lines.push(opts.once ? 'stops after the first page finishes (Ctrl-C stops now)' : 'Ctrl-C stops');
      process.stdout.write(`${lines.join('\n')}\n`);
      const stop = () => finish();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await finished;
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
      await server.close();
      process.stdout.write(`${server.written.length} document(s) written\n`);
    });
}
