import { Command, InvalidArgumentError } from 'commander';
import { createResultDocument, ERROR_CODES, EvalkitError, writeResultDocument } from '@evalkit/core';
import { createProgressReporter } from '../shared/progress';
import { PRESETS, VARIANTS, addCeilingFractions, parseShape, runKernelBench, selectVariants, shapeLabel, type BenchShape, type KernelRow } from '@evalkit/kernel-bench';
import { formatWithInterval, measureDeviceCeilings, systemLoad, type AppliedCeiling, type DeviceCeilings } from '@evalkit/bench';
import { loadNodeWebRuntime } from '@evalkit/browser-bench';
import { availableParallelism } from 'node:os';
import { cliManifest } from '../shared/context';
import { formatTable, printJson } from '../shared/output';
import { clampThreads, commaList, nonNegativeInt, positiveInt, positiveNumber } from '../shared/parse';
import { relativeWidth } from '../shared/sampling-flags';
import { deviceWithoutQueue, queuedBenchmarkError, runQueuedBenchmark } from '../shared/queue-jobs';

/**
 * Finds the command group `name` (e.g. "bench") or creates it. Several commands hang under the same
 * group (`bench kernels`, `bench decoders`), each registered from its own file in any order.
 */
export function commandGroup(program: Command, name: string, description: string): Command {
  const existing = program.commands.find((c) => c.name() === name);
  if (existing) return existing;
  return program.command(name).description(description).exitOverride();
}

/** Options of `evalkit bench kernels` as commander parses them. */
interface BenchKernelsOptions {
  preset: string;
  variants?: string[];
  shape?: string;
  timeBudget?: number;
  minSamples?: number;
  minRuns?: number;
  maxRuns?: number;
  maxTime?: number;
  targetCi: number;
  warmup: number;
  threads: number;
  runtime: string;
  seed: number;
  out?: string;
  json?: boolean;
  queue?: string;
  device?: string;
}

const fixed = (v: number | null, digits: number) => (v === null ? '-' : v.toFixed(digits));
const pct = (v: number | null) => (v === null ? '-' : `${(100 * v).toFixed(1)}%`);
const times = (v: number | null, ci: [number, number] | null) => (v === null ? '-' : formatWithInterval(v, ci, { suffix: 'x', digits: 2 }));

/** Rows in table order: variant, then shape, then full before rearrangement, ONNX before TS. */
export function sortKernelRows(rows: readonly KernelRow[]): KernelRow[] {
  const partOrder = (r: KernelRow) => (r.part === 'full' ? 0 : 1) * 2 + (r.implementation === 'onnx' ? 0 : 1);
  const shapes = [...new Set(rows.map((r) => r.shapeLabel))];
  return [...rows].sort((a, b) => a.variantIndex - b.variantIndex || a.variant.localeCompare(b.variant) || shapes.indexOf(a.shapeLabel) - shapes.indexOf(b.shapeLabel) || partOrder(a) - partOrder(b));
}

/** How the ceilings were obtained, in one line each (terminal, report captions). */
export function describeCeilings(c: DeviceCeilings, compute: AppliedCeiling, memory: AppliedCeiling): string[] {
  const raised = (a: AppliedCeiling, unit: string) => (a.raisedBy.length ? `, raised to ${a.effective.toFixed(1)} ${unit} by ${a.raisedBy.join(', ')}` : '');
  return [
    `compute ceiling: best measured GEMM ${c.matmulGflops.toFixed(1)} GFLOP/s (${c.gemm.sizes.join('/')}^3, best of ${c.gemm.repeats}, ${c.threads} threads)${raised(compute, 'GFLOP/s')}`,
    `memory ceiling: STREAM copy ${c.memcpyGBps.toFixed(1)} GB/s, triad ${c.triadGBps.toFixed(1)} GB/s (${c.stream.arrayBytes / 2 ** 20} MiB arrays, best of ${c.stream.repeats}, one thread)${raised(memory, 'GB/s')}`,
    `theoretical peak: ${c.theoretical ? c.theoretical.formula : 'unknown on this OS'}`,
  ];
}

/** The human-readable table of a kernel benchmark. */
export function formatKernelTable(rows: readonly KernelRow[], ceilings: DeviceCeilings, compute: AppliedCeiling, memory: AppliedCeiling): string {
  const head = describeCeilings(ceilings, compute, memory).join('\n');
  const table = formatTable(
    ['variant', 'shape', 'impl', 'part', 'median ms [95% CI]', 'CV', 'n', 'GB/s', 'GFLOP/s', 'memcpy', 'matmul', 'bound', 'vs 1', 'vs pair'],
    sortKernelRows(rows).map((r) =>
      r.state === 'completed'
        ? [`${r.variant}${r.unstable ? ' !' : ''}`, r.shapeLabel, r.implementation, r.part, formatWithInterval(r.medianMs, r.medianCi95Ms, { digits: 3 }), `${(100 * r.cv).toFixed(1)}%`, r.samples, fixed(r.gbps, 2), fixed(r.gflops, 1), `${pct(r.fractionOfMemcpy)}${r.aboveCeiling.includes('memcpy') ? ' ^' : ''}`, `${pct(r.fractionOfMatmul)}${r.aboveCeiling.includes('matmul') ? ' ^' : ''}`, r.bound ?? '-', times(r.speedupVsVariant1, r.speedupVsVariant1Ci95), times(r.speedupVsBaseline, r.speedupVsBaselineCi95)]
        : [r.variant, r.shapeLabel, r.implementation, r.part, 'errored', '-', 0, '-', '-', '-', '-', '-', '-', '-'],
    ),
  );
  const legend = VARIANTS.filter((v) => rows.some((r) => r.variant === v.id)).map((v) => `  ${v.id.padEnd(3)} ${v.label}${v.baseline ? ` (pair: ${v.baseline})` : ''}`);
  const errors = rows.filter((r) => r.state === 'errored').map((r) => `  variant ${r.variant} ${r.implementation}/${r.part} at ${r.shapeLabel}: ${r.state === 'errored' ? r.error : ''}`);
  const unstable = rows.filter((r) => r.state === 'completed' && r.unstable).length;
  return [
    head,
    '',
    table,
    '',
    'variants:',
    ...legend,
    'vs 1 / vs pair: median of variant 1 (or of the pair baseline) / this median, same shape, implementation and part, with a 95% bootstrap interval; above 1 is faster.',
    ...(unstable ? [`! ${unstable} unstable row${unstable > 1 ? 's' : ''} (CV > 10% or interval wider than the target)`] : []),
    ...(rows.some((r) => r.state === 'completed' && r.aboveCeiling.length > 0) ? ['^ above the measured ceiling, which it therefore raised'] : []),
    ...(errors.length ? ['', 'errors:', ...errors] : []),
  ].join('\n');
}

function parseVariants(list: string[]): string[] {
  try {
    return selectVariants(list).map((v) => v.id);
  } catch (error) {
    throw new InvalidArgumentError(`unknown variant "${(error as Error).message}" (known: ${VARIANTS.map((v) => v.id).join(', ')}; 7 and 8 select both halves)`);
  }
}

/** `bench kernels --queue`: the same document and table, measured by a worker of the labelled device. */
async function queuedKernels(opts: BenchKernelsOptions, command: Command): Promise<void> {
  const queued = await runQueuedBenchmark('kernels', command, { queue: opts.queue!, device: opts.device });
  const doc = queued.document;
  if (opts.out) writeResultDocument(opts.out, doc);
  if (opts.json) printJson(doc);
  else {
    // The document keeps the measured ceilings beside the effective ones the rows were judged against.
    const c = (doc.summary as { ceilings: DeviceCeilings & { compute: AppliedCeiling; memory: AppliedCeiling; measuredMatmulGflops: number; measuredMemcpyGBps: number } }).ceilings;
    const measured: DeviceCeilings = { ...c, matmulGflops: c.measuredMatmulGflops, memcpyGBps: c.measuredMemcpyGBps };
    process.stdout.write(`${formatKernelTable(doc.results as unknown as KernelRow[], measured, c.compute, c.memory)}\n\nran on worker ${queued.worker} (device ${opts.device})\n${opts.out ? `wrote ${opts.out}\n` : ''}`);
  }
  const error = queuedBenchmarkError(queued);
  if (error) throw error;
}

/** Registers `evalkit bench kernels`. */
export function registerBenchKernels(program: Command): void {
  commandGroup(program, 'bench', 'benchmarks: measure ours and the reference side by side and print the ratio')
    .command('kernels')
    .description('microbenchmark upsampling kernels: interpolate+conv against 3-D pixel shuffle, in onnxruntime and TypeScript')
    .option('--preset <name>', `shapes and timing defaults: ${Object.keys(PRESETS).join(' | ')}`, 'smoke')
    .option('--variants <list>', 'comma-separated variant ids (1-6, 7a, 7b, 8a, 8b; 7 and 8 select both)', (v) => parseVariants(commaList(v)))
    .option('--shape <C,T,H,W>', 'benchmark this input shape instead of the preset shapes (N,C,T,H,W also accepted)')
    .option('--min-runs <n>', "samples always taken per task (default: the preset's)", positiveInt)
    .option('--max-runs <n>', "samples never exceeded per task (default: the preset's)", positiveInt)
    .option('--max-time <s>', "time budget per task in seconds (default: the preset's)", positiveNumber)
    .option('--target-ci <x>', "stop a task once its median's 95% interval is within ± this (0.05 or 5%)", relativeWidth, 0.05)
    .option('--time-budget <ms>', 'the same as --max-time, in ms', positiveInt)
    .option('--min-samples <n>', 'the same as --min-runs', positiveInt)
    .option('--warmup <n>', 'warm-up runs per task', nonNegativeInt, 1)
    .option('--threads <n>', 'onnxruntime intra-op threads, at most the logical cores (the MatMul ceiling uses the same)', positiveInt, availableParallelism())
    .option('--runtime <name>', 'node: onnxruntime-node (native CPU) | web: onnxruntime-web\'s WebAssembly backend in this Node.js (native vs wasm on one machine)', 'node')
    .option('--seed <n>', 'seed of the input tensors and weights', nonNegativeInt, 1)
    .option('--out <file>', 'write the kernel-bench result document here (atomically)')
    .option('--json', 'print the result document as JSON instead of the table')
    .option('--queue <url>', 'run it on a worker of this Redis queue (redis://HOST:PORT/DB) instead of here; needs --device')
    .option('--device <label>', 'with --queue: run on a worker started with `evalkit worker --device LABEL`')
    .addHelpText(
      'after',
      `
Variants (each timed as the full path and, where it has one, the rearrangement alone):
${VARIANTS.map((v) => `  ${v.id.padEnd(3)} ${v.label}`).join('\n')}

Presets:
  smoke   C=8, T=2, H=W=8: every variant, about ten seconds
  paper   Turbo-VAED-Hunyuan up1 input (C=256, T=5, H/8 x W/8) at 256x256, 512x512 and 1280x720;
          the 1280x720 conv paths take seconds per run: pick variants (e.g. --variants 1,6)

Examples:
  evalkit bench kernels                                   smoke preset, all variants
  evalkit bench kernels --preset paper --variants 1,5,6 --out reports/kernels.json
  evalkit bench kernels --shape 128,5,64,64 --variants 1,6 --time-budget 3000
  evalkit bench kernels --threads 1 --out one-thread.json && evalkit compare kernels one-thread.json two-threads.json
  evalkit bench kernels --runtime web --out wasm.json      the same suite on onnxruntime-web's wasm backend
  evalkit bench kernels --preset paper --queue redis://10.0.0.5:6379/0 --device h200 --out h200.json
                                                          run by the worker of device h200, written here`,
    )
    .action(async (opts: BenchKernelsOptions, command: Command) => {
      if (opts.runtime !== 'node' && opts.runtime !== 'web') throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'unknown runtime (known: node, web)', { field: '--runtime', value: opts.runtime });
      const preset = PRESETS[opts.preset];
      if (!preset) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `unknown preset (known: ${Object.keys(PRESETS).join(', ')})`, { field: '--preset', value: opts.preset });
      if (opts.shape) parseShape(opts.shape, '--shape');
      if (opts.queue !== undefined) return queuedKernels(opts, command);
      if (opts.device !== undefined) throw deviceWithoutQueue(opts.device);
      // More threads than cores only measure contention, and the ceilings would not be this machine's
      // (a queued job is clamped by the worker that runs it, on its own cores).
      opts.threads = clampThreads(opts.threads);
      const web = opts.runtime === 'web' ? await loadNodeWebRuntime(opts.threads) : null;
      const shapes: BenchShape[] = opts.shape ? [{ label: shapeLabel(parseShape(opts.shape, '--shape')), shape: parseShape(opts.shape, '--shape') }] : preset.shapes.map((s) => ({ label: s.label, shape: s.shape }));
      const variants = selectVariants(opts.variants ?? VARIANTS.map((v) => v.id));
      const timeBudgetMs = opts.timeBudget ?? (opts.maxTime !== undefined ? opts.maxTime * 1000 : preset.timeBudgetMs);
      const minSamples = opts.minSamples ?? opts.minRuns ?? preset.minSamples;
      const maxSamples = Math.max(minSamples, opts.maxRuns ?? preset.maxSamples);
      const sampling = { minRuns: minSamples, maxRuns: maxSamples, maxTimeMs: timeBudgetMs, targetCi: opts.targetCi, warmup: opts.warmup };
      const startedAt = new Date();
      const progress = createProgressReporter({ silent: false });
      const task = progress.start('bench kernels', variants.length * shapes.length + 1);
      let rows: KernelRow[];
      let ceilings: DeviceCeilings;
      let compute: AppliedCeiling;
      let memory: AppliedCeiling;
      const before = await systemLoad();
      try {
        // On wasm a 2048^3 MatMul takes seconds per run; 1024^3 is still far past any cache.
        ceilings = await measureDeviceCeilings({
          threads: opts.threads,
          gemmSizes: web ? [512, 1024] : undefined,
          gemmRuntime: web ? 'onnxruntime-web wasm' : undefined,
          gemmSession: web ? ({ bytes, n, outputName }, threads) => web.createSession({ bytes, inputDims: [n, n], outputDims: [n, n], outputName, macs: n ** 3, params: 0, weights: [] }, threads) : undefined,
        });
        task.tick(1, 'ceilings');
        let first = true;
        rows = await runKernelBench({
          variants,
          shapes,
          threads: opts.threads,
          ceilings,
          seed: opts.seed,
          sampling,
          createSession: web?.createSession,
          onStep: (m) => {
            if (!first) task.tick(1, m);
            first = false;
          },
        });
        ({ compute, memory } = addCeilingFractions(rows, ceilings));
        task.done(`${rows.length} rows`);
      } finally {
        progress.stop();
      }
      const system = { before, after: await systemLoad() };
      const config = {
        preset: opts.shape ? 'custom' : preset.name,
        variants: variants.map((v) => v.id),
        shapes: shapes.map((s) => ({ label: s.label, ...s.shape })),
        timeBudgetMs,
        minSamples,
        maxSamples,
        targetCi: opts.targetCi,
        warmup: opts.warmup,
        threads: opts.threads,
        seed: opts.seed,
        runtime: web ? 'onnxruntime-web' : 'onnxruntime-node',
      };
      const manifest = cliManifest('bench kernels', { config, seed: opts.seed, startedAt, executionProvider: web ? 'wasm' : 'cpu', onnxruntimeVersion: web ? `web ${web.version}` : undefined, system });
      const doc = createResultDocument('kernel-bench', manifest, rows, { config, summary: { ceilings: { ...ceilings, compute, memory, matmulGflops: compute.effective, memcpyGBps: memory.effective, measuredMatmulGflops: ceilings.matmulGflops, measuredMemcpyGBps: ceilings.memcpyGBps } } });
      if (opts.out) writeResultDocument(opts.out, doc);
      if (opts.json) printJson(doc);
      else {
        const load = (l: typeof before) => `load ${l.loadAverage.map((v) => v.toFixed(2)).join(' ')}${l.busiest.length ? `, busiest: ${l.busiest.slice(0, 3).map((p) => `${p.command} ${p.cpuPercent}%`).join(', ')}` : ''}`;
        process.stdout.write(`${formatKernelTable(rows, ceilings, compute, memory)}\n\nmachine before: ${load(system.before)}\nmachine after:  ${load(system.after)}\n${opts.out ? `\nwrote ${opts.out}\n` : ''}`);
      }
      const errored = rows.filter((r) => r.state === 'errored');
      if (errored.length > 0) {
        throw new EvalkitError(ERROR_CODES.RUNTIME, `${errored.length} of ${rows.length} kernel rows errored (recorded as state "errored"${opts.out ? ` in ${opts.out}` : ''})`, {
          field: `variant ${errored[0].variant} ${errored[0].implementation}/${errored[0].part}`,
          value: errored[0].state === 'errored' ? errored[0].error : '',
        });
      }
    });
}
