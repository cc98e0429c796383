import { ZOO_PAIRS } from '@evalkit/decoder-zoo';
import { measureDeviceCeilings, type CeilingOptions, type DeviceCeilings } from '../ceilings/measure-ceilings';
import { applyCeiling } from '../ceilings/roofline';
import { pinPlan } from '../io/cpu-affinity';
import { systemLoad } from '../io/system-load';
import { DecoderChild } from '../jobs/run-job-in-child';
import type { ZooDecodeJobResult } from '../jobs/zoo-decode-job';
import { sampleInterleaved, type SamplingOptions, type StopReason } from '../sampling/adaptive-sampling';
import { DEFAULT_TARGET_CI } from '../stats/sample-stats';
import { decoderRowTiming, pairSpeedup } from './decoder-row-statistics';
import type { DecoderBenchRow, DecoderBenchSummary, DecoderPair } from './decoder-bench-row';
import { latentFramesFor } from '@evalkit/decoder-zoo';

/** Everything `evalkit bench decoders` can ask for. */
export interface DecoderBenchOptions {
  models: string[];
  height: number;
  width: number;
  /** Latent frames for every model; otherwise each gets the latent frames for `frames` output frames. */
  latentFrames?: number;
  frames: number;
  threads: number;
  widthMult: number;
  seed: number;
  /** Safetensors checkpoints per model instead of seeded weights (others stay seeded). */
  weights?: Record<string, string>;
  executionProvider: string;
  sampling: SamplingOptions;
  /** Measure the device ceilings first (false: fractions are null). */
  ceiling: boolean;
  ceilingOptions?: Omit<CeilingOptions, 'threads'>;
  /** Pin the child processes to CPUs 0..threads-1 where the OS allows. */
  pin: boolean;
  /** The paper's GPU speedup of a pair, or null when the paper has none. */
  paperGpuSpeedup: (baseline: string, turbo: string) => number | null;
  /** Called with a short message as the benchmark moves on (progress). */
  onProgress?: (message: string) => void;
}

/** What runDecoderBench returns: rows, summary and the configuration to record. */
export interface DecoderBenchOutcome {
  rows: DecoderBenchRow[];
  summary: DecoderBenchSummary;
  config: Record<string, unknown>;
}

interface Timed {
  model: string;
  latentFrames: number;
  samples: number[];
  result: ZooDecodeJobResult;
  stopReason: StopReason;
}

/** The groups timed together: each baseline/Turbo pair present (interleaved), then every other model alone. */
function groupsOf(models: readonly string[]): string[][] {
  const groups: string[][] = [];
  const used = new Set<string>();
  for (const { baseline, turbo } of ZOO_PAIRS) {
    if (models.includes(baseline) && models.includes(turbo)) {
      groups.push([baseline, turbo]);
      used.add(baseline).add(turbo);
    }
  }
  for (const m of models) if (!used.has(m)) groups.push([m]);
  return groups;
}

/**
 * The decoder benchmark: measures the device ceilings, then times each baseline/Turbo pair with both
 * models in their own long-lived child process, alternating A B A B under adaptive sampling, and
 * every other model alone. Returns rows with median intervals, CV, outliers and stability; pair
 * speedups with paired-bootstrap intervals; ceiling fractions that never exceed 1; and the machine's
 * load before and after.
 */
export async function runDecoderBench(opts: DecoderBenchOptions): Promise<DecoderBenchOutcome> {
  const targetCi = opts.sampling.targetCi ?? DEFAULT_TARGET_CI;
  const pin = pinPlan(opts.pin, opts.threads);
  const before = await systemLoad();
  let ceilings: DeviceCeilings | null = null;
  if (opts.ceiling) {
    opts.onProgress?.('ceilings');
    ceilings = await measureDeviceCeilings({ threads: opts.threads, ...opts.ceilingOptions });
  }
  const timed = new Map<string, Timed>();
  const errors: { model: string; error: string }[] = [];
  for (const group of groupsOf(opts.models)) {
    opts.onProgress?.(group.join(' vs '));
    const children: DecoderChild[] = [];
    try {
      for (const model of group) {
        const latentFrames = opts.latentFrames ?? latentFramesFor(model, opts.frames);
        children.push(await DecoderChild.start({ model, height: opts.height, width: opts.width, latentFrames, widthMult: opts.widthMult, seed: opts.seed, threads: opts.threads, executionProvider: opts.executionProvider, mode: 'serve', weights: opts.weights?.[model] }, pin.prefix));
      }
      const outcome = await sampleInterleaved(
        children.map((c) => () => c.run()),
        opts.sampling,
        (round, s) => opts.onProgress?.(`${group.join(' vs ')}: round ${round}, ${s.map((x) => `${(x[x.length - 1] / 1000).toFixed(2)} s`).join(' / ')}`),
      );
      for (let i = 0; i < group.length; i++) {
        const result = await children[i].finish();
        timed.set(group[i], { model: group[i], latentFrames: opts.latentFrames ?? latentFramesFor(group[i], opts.frames), samples: outcome.samples[i], result, stopReason: outcome.stopReason });
      }
    } catch (error) {
      for (const c of children) c.kill();
      for (const model of group) errors.push({ model, error: (error as Error).message });
    }
  }
  const after = await systemLoad();

  const measured = opts.models.filter((m) => timed.has(m)).map((m) => timed.get(m)!);
  const partial = measured.map((t) => {
    const outputFrames = t.result.outputShape[2];
    return { t, outputFrames, timing: decoderRowTiming(t.samples, outputFrames, t.result.macs, targetCi) };
  });
  const applied = ceilings ? applyCeiling(partial.map((p) => ({ id: p.t.model, rate: p.timing.gflops })), ceilings.matmulGflops) : null;
  const rows: DecoderBenchRow[] = partial.map(({ t, outputFrames, timing }, i) => ({
    model: t.model,
    label: t.result.label,
    height: opts.height,
    width: opts.width,
    latentFrames: t.latentFrames,
    outputFrames,
    ...timing,
    peakRssBytes: t.result.peakRssBytes,
    params: t.result.params,
    macs: t.result.macs,
    ceilingFraction: applied ? applied.fractions[i] : null,
    aboveMeasuredCeiling: applied ? applied.aboveMeasured[i] : false,
    widthMult: opts.widthMult,
    setupSeconds: t.result.setupSeconds,
    stopReason: t.stopReason,
  }));

  const pairs: DecoderPair[] = [];
  for (const { baseline, turbo } of ZOO_PAIRS) {
    const b = rows.find((r) => r.model === baseline);
    const t = rows.find((r) => r.model === turbo);
    if (!b || !t) continue;
    pairs.push({ baseline, turbo, ...pairSpeedup(b, t, targetCi), paperGpuSpeedup: opts.paperGpuSpeedup(baseline, turbo) });
  }
  const summary: DecoderBenchSummary = {
    matmulCeilingGflops: applied ? applied.ceiling.effective : null,
    ceilings: ceilings && applied ? { ...ceilings, compute: applied.ceiling } : null,
    pairs,
    sampling: { minRuns: opts.sampling.minRuns, maxRuns: opts.sampling.maxRuns, maxTimeMs: opts.sampling.maxTimeMs, targetCi, warmup: opts.sampling.warmup, interleaved: true },
    system: { before, after },
    pin: pin.method,
    errors,
  };
  const config = {
    models: opts.models,
    height: opts.height,
    width: opts.width,
    latentFrames: opts.latentFrames ?? null,
    frames: opts.latentFrames ? null : opts.frames,
    minRuns: opts.sampling.minRuns,
    maxRuns: opts.sampling.maxRuns,
    maxTimeMs: opts.sampling.maxTimeMs,
    targetCi,
    warmup: opts.sampling.warmup,
    ep: opts.executionProvider,
    threads: opts.threads,
    widthMult: opts.widthMult,
    seed: opts.seed,
    pin: opts.pin,
    ...(opts.weights && Object.keys(opts.weights).length > 0 ? { weights: opts.weights } : {}),
  };
  return { rows, summary, config };
}
