import { ERROR_CODES, EvalkitError, paperFps, paperGpuSpeedup, type TurboVaedPaper } from '@evalkit/core';
import { countNonFiniteLatents, DEFAULT_GEOMETRY, latentShapeMismatch, randomLatents, readLatents, writeLatentsNpy, type DecoderGeometry } from '@evalkit/decoder-runtime';
import { buildZooModel, inspectCheckpoint, latentFramesFor, openCheckpoint, zooModelInfo } from '@evalkit/decoder-zoo';
import { measureDeviceCeilings, type CeilingOptions, type DeviceCeilings } from '../ceilings/measure-ceilings';
import { applyCeiling } from '../ceilings/roofline';
import { pinPlan } from '../io/cpu-affinity';
import { systemLoad } from '../io/system-load';
import { referencePython } from '../io/skimage-metrics-timing';
import { DecoderChild } from '../jobs/run-job-in-child';
import { scratchFolder, type ScratchFolder } from '../io/scratch-folder';
import { torchAvailability, type TorchAvailability } from '../io/torch-availability';
import { startTorchChild } from '../jobs/torch-decode-job';
import type { ZooDecodeJob, ZooDecodeJobResult } from '../jobs/zoo-decode-job';
import { sampleInterleaved, type SamplingOptions, type StopReason } from '../sampling/adaptive-sampling';
import { DEFAULT_TARGET_CI } from '../stats/sample-stats';
import { parseBenchModels, type BenchModel } from './bench-models';
import { resolvePairs, timingGroups } from './bench-pairs';
import { decoderRowTiming, pairSpeedup } from './decoder-row-statistics';
import type { DecoderBenchRow, DecoderBenchSummary, DecoderPair } from './decoder-bench-row';
import { describeOnnxFile, fileLatentShape, type OnnxFileFacts } from './file-model';

/** Everything `evalkit bench decoders` can ask for. */
export interface DecoderBenchOptions {
  /** --models entries: zoo names, zoo:NAME[@WEIGHTS], FILE.onnx, each optionally LABEL=... */
  models: string[];
  /** --pair BASELINE:CANDIDATE entries (labels); none: the zoo's baseline/Turbo pairs present. */
  pairs?: string[];
  height: number;
  width: number;
  /** Latent frames for every model; otherwise each gets the latent frames for `frames` output frames. */
  latentFrames?: number;
  frames: number;
  threads: number;
  widthMult: number;
  seed: number;
  /** Safetensors checkpoints per model label instead of seeded weights (others stay seeded). */
  weights?: Record<string, string>;
  /** Latent files per model label (FILE.npy, FILE.npz[:KEY], FILE.safetensors[:KEY]) instead of seeded random latents. */
  latents?: Record<string, string>;
  /** Geometry of ONNX files whose latent input has symbolic sizes (default 4×8×8, 4T−3). */
  fileGeometry?: DecoderGeometry;
  /** Latent channels of ONNX files that leave them symbolic (default 16). */
  latentChannels?: number;
  executionProvider: string;
  sampling: SamplingOptions;
  /** Measure the device ceilings first (false: fractions are null). */
  ceiling: boolean;
  ceilingOptions?: Omit<CeilingOptions, 'threads'>;
  /** Pin the child processes to CPUs 0..threads-1 where the OS allows. */
  pin: boolean;
  /** The user's checkout of github.com/hustvl/Turbo-VAED, which torch:NAME models run (required with them). */
  referenceCode?: string;
  /** The interpreter with python3-torch for torch:NAME models (default: referencePython(), Debian's). */
  python?: string;
  /**
   * The Turbo-VAED paper's values (core's readPaperValues().turboVaed), joined into the document here:
   * each pair's GPU speedup and each zoo row's FPS. Null: no paper values (a run elsewhere, a smoke run).
   */
  paper: TurboVaedPaper | null;
  /** Called with a short message as the benchmark moves on (progress). */
  onProgress?: (message: string) => void;
}

/** What runDecoderBench returns: rows, summary and the configuration to record. */
export interface DecoderBenchOutcome {
  rows: DecoderBenchRow[];
  summary: DecoderBenchSummary;
  config: Record<string, unknown>;
}

/** A model with everything its child needs, checked before anything runs. */
interface PlannedModel {
  model: BenchModel;
  /** The latents spec decoded (null: seeded random latents). */
  latents: string | null;
  latentFrames: number;
  file: OnnxFileFacts | null;
  /** For a torch:NAME model: the zoo's MAC count of the same network, and the torch version found. */
  torch: { macs: number | null; torchVersion: string } | null;
  /** Starts its long-lived child (behind the pinning prefix). */
  start(prefix: readonly string[]): Promise<DecoderChild>;
}

/** What torch:NAME models need beyond a zoo model: where the reference code and python are, and scratch space for latents. */
interface TorchContext {
  referenceCode: string | undefined;
  python: string;
  scratch: ScratchFolder;
  availability: Map<string, TorchAvailability>;
  skipped: { model: string; reason: string }[];
}

interface Timed {
  planned: PlannedModel;
  samples: number[];
  result: ZooDecodeJobResult;
  stopReason: StopReason;
}

/** Codes of errors that are the user's input, not the run: they stop the benchmark instead of becoming a failed row. */
const INPUT_ERRORS = new Set<string>([ERROR_CODES.INVALID_INPUT, ERROR_CODES.INVALID_ARGUMENT, ERROR_CODES.MISMATCH, ERROR_CODES.UNSUPPORTED, ERROR_CODES.FILE_NOT_FOUND]);

/** Reads each latents file once and checks it is a finite rank-5 tensor. */
function latentShapes(latents: Record<string, string>): Map<string, number[]> {
  const shapes = new Map<string, number[]>();
  for (const spec of new Set(Object.values(latents))) {
    const latent = readLatents(spec);
    if (latent.shape.length !== 5) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'latents must have rank 5 [batch, channels, frames, height, width]', { file: spec, field: 'shape', value: latent.shape.join('x') });
    countNonFiniteLatents(latent, spec);
    shapes.set(spec, latent.shape);
  }
  return shapes;
}

/**
 * Plans a torch:NAME model: the zoo's latent shape for the same decoder (from the checkpoint's config
 * when weights are given), the latents written once as .npy for the Python child (the very values
 * the zoo row decodes: the same file, or the same seeded draw), and the zoo's MAC count of the network.
 * Returns null, with the reason in ctx.skipped, when python3-torch or the reference code is missing.
 */
function planTorchModel(model: Extract<BenchModel, { kind: 'torch' }>, opts: DecoderBenchOptions, latentSpec: string | undefined, given: number[] | null, ctx: TorchContext): PlannedModel | null {
  if (ctx.referenceCode === undefined) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'torch:NAME runs the reference PyTorch code: give your checkout of github.com/hustvl/Turbo-VAED with --reference-code DIR', { field: '--models', value: `${model.id}=torch:${model.zooModel}` });
  if (opts.widthMult !== 1 && model.weights === undefined) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'torch:NAME builds the published decoder (or a checkpoint\'s config); --width-mult scales zoo graphs only, so the two would not be the same network', { field: '--width-mult', value: opts.widthMult });
  const key = `${ctx.python}\n${ctx.referenceCode}`;
  if (!ctx.availability.has(key)) ctx.availability.set(key, torchAvailability(ctx.python, ctx.referenceCode));
  const found = ctx.availability.get(key)!;
  if (!found.available) {
    ctx.skipped.push({ model: model.id, reason: found.reason });
    return null;
  }
  const info = zooModelInfo(model.zooModel);
  const [, sh, sw] = info.compression;
  const size = given ? { latentFrames: given[2], height: given[3] * sh, width: given[4] * sw } : { latentFrames: opts.latentFrames ?? latentFramesFor(model.zooModel, opts.frames), height: opts.height, width: opts.width };
  const shapes = model.weights !== undefined ? inspectCheckpoint(model.zooModel, openCheckpoint(model.weights), size).build : buildZooModel(model.zooModel, { ...size, widthMult: 1, seed: opts.seed, materializeWeights: false });
  const latent = latentSpec !== undefined ? readLatents(latentSpec) : randomLatents(shapes.inputShape, opts.seed);
  const latents = ctx.scratch.file(`${model.id}.npy`);
  writeLatentsNpy(latents, latent);
  const job = { model: model.zooModel, ...(model.labelled ? { label: model.id } : {}), referenceCode: ctx.referenceCode, latents, threads: opts.threads, seed: opts.seed, ...(model.weights !== undefined ? { weights: model.weights } : {}) };
  return { model, latents: latentSpec ?? null, latentFrames: size.latentFrames, file: null, torch: { macs: shapes.macs, torchVersion: found.torchVersion }, start: (prefix) => startTorchChild(job, ctx.python, prefix) };
}

/** Turns parsed models into child jobs: file facts read and checked, sizes fixed, latents matched; torch models without python3-torch are left out (ctx.skipped). */
function planModels(models: readonly BenchModel[], opts: DecoderBenchOptions, ctx: TorchContext): PlannedModel[] {
  const latents = opts.latents ?? {};
  for (const id of Object.keys(latents)) {
    if (!models.some((m) => m.id === id)) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `expected NAME=FILE with NAME one of the benched models (${models.map((m) => m.id).join(', ')})`, { field: '--latents', value: `${id}=${latents[id]}` });
  }
  const shapes = latentShapes(latents);
  const common = { widthMult: opts.widthMult, seed: opts.seed, threads: opts.threads, executionProvider: opts.executionProvider, mode: 'serve' as const };
  const planned: PlannedModel[] = [];
  for (const model of models) {
    const latentSpec = latents[model.id];
    const given = latentSpec !== undefined ? shapes.get(latentSpec)! : null;
    if (model.kind === 'torch') {
      const torch = planTorchModel(model, opts, latentSpec, given, ctx);
      if (torch) planned.push(torch);
      continue;
    }
    if (model.kind === 'file') {
      const file = describeOnnxFile(model.path);
      let shape: number[];
      if (given) {
        const why = latentShapeMismatch(given, { name: file.input.name, type: file.input.type, shape: file.input.shape.map((d) => d ?? '?') });
        if (why !== null) throw new EvalkitError(ERROR_CODES.MISMATCH, `latents do not fit the model ${model.path}: ${why}`, { file: latentSpec, field: 'shape', value: given.join('x') });
        shape = given;
      } else {
        shape = fileLatentShape(file, { height: opts.height, width: opts.width, latentFrames: opts.latentFrames, frames: opts.frames, latentChannels: opts.latentChannels, geometry: opts.fileGeometry ?? DEFAULT_GEOMETRY });
      }
      const job: ZooDecodeJob = { ...common, model: model.id, label: model.id, file: model.path, latentShape: shape, latents: latentSpec, height: 0, width: 0, latentFrames: shape[2], session: model.session };
      planned.push({ model, latents: latentSpec ?? null, latentFrames: shape[2], file, torch: null, start: (prefix) => DecoderChild.start(job, prefix) });
      continue;
    }
    const info = zooModelInfo(model.zooModel);
    const [, sh, sw] = info.compression;
    const size = given ? { latentFrames: given[2], height: given[3] * sh, width: given[4] * sw } : { latentFrames: opts.latentFrames ?? latentFramesFor(model.zooModel, opts.frames), height: opts.height, width: opts.width };
    const job: ZooDecodeJob = { ...common, ...size, model: model.zooModel, ...(model.labelled ? { label: model.id } : {}), weights: model.weights, latents: latentSpec, session: model.session };
    planned.push({ model, latents: latentSpec ?? null, latentFrames: size.latentFrames, file: null, torch: null, start: (prefix) => DecoderChild.start(job, prefix) });
  }
  return planned;
}

/**
 * The decoder benchmark: measures the device ceilings, then times the models of each pair (zoo
 * graphs and users' ONNX files alike, each in its own long-lived child process), alternating A B A B
 * under adaptive sampling, and every other model alone. Returns rows with median intervals, CV,
 * outliers and stability (file rows with the file's path, size, SHA-256 and parameter count); pair
 * speedups with paired-bootstrap intervals; ceiling fractions that never exceed 1; and the machine's
 * load before and after. The user's mistakes (unknown label, a file that is not a decoder, latents
 * that do not fit) are EvalkitErrors thrown before anything is timed.
 */
export async function runDecoderBench(opts: DecoderBenchOptions): Promise<DecoderBenchOutcome> {
  const models = parseBenchModels(opts.models, opts.weights ?? {});
  const pairList = resolvePairs(opts.pairs, models);
  const ctx: TorchContext = { referenceCode: opts.referenceCode, python: opts.python ?? referencePython(), scratch: scratchFolder('evalkit-torch-latents-'), availability: new Map(), skipped: [] };
  try {
    return await benchPlanned(opts, models, pairList, planModels(models, opts, ctx), ctx.skipped);
  } finally {
    ctx.scratch.remove();
  }
}

/** The paper's FPS of each zoo row whose decoder the paper lists, by row model (files and torch rows get none). */
function paperFpsOfRows(rows: readonly DecoderBenchRow[], paper: TurboVaedPaper | null): DecoderBenchSummary['paperFps'] {
  const out: DecoderBenchSummary['paperFps'] = {};
  for (const r of rows) {
    const fps = r.source === 'zoo' && r.zooModel !== null ? paperFps(paper, r.zooModel) : null;
    if (fps) out[r.model] = fps;
  }
  return out;
}

/** Times the planned models (group by group, interleaved) and assembles rows, pairs and the summary. */
async function benchPlanned(opts: DecoderBenchOptions, models: readonly BenchModel[], pairList: ReturnType<typeof resolvePairs>, planned: PlannedModel[], skipped: { model: string; reason: string }[]): Promise<DecoderBenchOutcome> {
  const targetCi = opts.sampling.targetCi ?? DEFAULT_TARGET_CI;
  const byId = new Map(planned.map((p) => [p.model.id, p]));
  const pin = pinPlan(opts.pin, opts.threads);
  const before = await systemLoad();
  let ceilings: DeviceCeilings | null = null;
  if (opts.ceiling) {
    opts.onProgress?.('ceilings');
    ceilings = await measureDeviceCeilings({ threads: opts.threads, ...opts.ceilingOptions });
  }
  const timed = new Map<string, Timed>();
  const errors: { model: string; error: string }[] = [];
  // A skipped torch model leaves its group: the rest of the group is still timed together.
  const groups = timingGroups(models.map((m) => m.id), pairList).map((g) => g.filter((id) => byId.has(id))).filter((g) => g.length > 0);
  for (const group of groups) {
    opts.onProgress?.(group.join(' vs '));
    const children: DecoderChild[] = [];
    try {
      for (const id of group) children.push(await byId.get(id)!.start(pin.prefix));
      const outcome = await sampleInterleaved(
        children.map((c) => () => c.run()),
        opts.sampling,
        (round, s) => opts.onProgress?.(`${group.join(' vs ')}: round ${round}, ${s.map((x) => `${(x[x.length - 1] / 1000).toFixed(2)} s`).join(' / ')}`),
      );
      for (let i = 0; i < group.length; i++) {
        const result = await children[i].finish();
        timed.set(group[i], { planned: byId.get(group[i])!, samples: outcome.samples[i], result, stopReason: outcome.stopReason });
      }
    } catch (error) {
      for (const c of children) c.kill();
      if (error instanceof EvalkitError && INPUT_ERRORS.has(error.code)) throw error;
      for (const id of group) errors.push({ model: id, error: (error as Error).message });
    }
  }
  const after = await systemLoad();

  const measured = models.filter((m) => timed.has(m.id)).map((m) => timed.get(m.id)!);
  const partial = measured.map((t) => {
    const outputFrames = t.result.outputShape[2];
    const macs = t.planned.torch ? t.planned.torch.macs : t.result.macs;
    return { t, outputFrames, macs, timing: decoderRowTiming(t.samples, outputFrames, macs, targetCi) };
  });
  const applied = ceilings ? applyCeiling(partial.map((p) => ({ id: p.t.planned.model.id, rate: p.timing.gflops })), ceilings.matmulGflops) : null;
  const rows: DecoderBenchRow[] = partial.map(({ t, outputFrames, macs, timing }, i) => {
    const { model, file, torch } = t.planned;
    const reported = t.result as ZooDecodeJobResult & { torch?: string; referenceCommit?: string | null };
    return {
      model: model.id,
      label: t.result.label,
      source: model.kind,
      zooModel: model.kind === 'zoo' ? model.zooModel : null,
      weights: model.kind !== 'file' ? (model.weights ?? null) : null,
      file: file ? { path: file.path, bytes: file.fileBytes, sha256: file.sha256 } : null,
      ...(model.kind === 'torch' && torch ? { reference: { model: model.zooModel, torch: reported.torch ?? torch.torchVersion, python: opts.python ?? referencePython(), code: opts.referenceCode ?? '', commit: reported.referenceCommit ?? null } } : {}),
      latents: t.planned.latents,
      height: t.result.outputShape[3],
      width: t.result.outputShape[4],
      latentFrames: t.planned.latentFrames,
      outputFrames,
      ...timing,
      peakRssBytes: t.result.peakRssBytes,
      params: file ? file.params : t.result.params,
      macs,
      ceilingFraction: applied ? applied.fractions[i] : null,
      aboveMeasuredCeiling: applied ? applied.aboveMeasured[i] : false,
      widthMult: model.kind === 'zoo' ? opts.widthMult : model.kind === 'torch' && model.weights === undefined ? 1 : null,
      setupSeconds: t.result.setupSeconds,
      session: t.result.session ?? null,
      stopReason: t.stopReason,
      outputMean: t.result.outputMean,
    };
  });

  const pairs: DecoderPair[] = [];
  for (const { baseline, candidate } of pairList) {
    const b = rows.find((r) => r.model === baseline);
    const t = rows.find((r) => r.model === candidate);
    if (!b || !t) continue;
    const paper = b.zooModel !== null && t.zooModel !== null ? paperGpuSpeedup(opts.paper, b.zooModel, t.zooModel) : null;
    pairs.push({ baseline, candidate, turbo: candidate, ...pairSpeedup(b, t, targetCi), paperGpuSpeedup: paper });
  }
  const summary: DecoderBenchSummary = {
    matmulCeilingGflops: applied ? applied.ceiling.effective : null,
    ceilings: ceilings && applied ? { ...ceilings, compute: applied.ceiling } : null,
    pairs,
    sampling: { minRuns: opts.sampling.minRuns, maxRuns: opts.sampling.maxRuns, maxTimeMs: opts.sampling.maxTimeMs, targetCi, warmup: opts.sampling.warmup, interleaved: true },
    system: { before, after },
    pin: pin.method,
    errors,
    skipped,
    paperFps: paperFpsOfRows(rows, opts.paper),
  };
  const hasFiles = models.some((m) => m.kind === 'file');
  const hasTorch = models.some((m) => m.kind === 'torch');
  const config = {
    models: opts.models,
    pairs: pairList.map((p) => `${p.baseline}:${p.candidate}`),
    height: opts.height,
    width: opts.width,
    latentFrames: opts.latentFrames ?? null,
    frames: opts.latentFrames ? null : opts.frames,
    minRuns: opts.sampling.minRuns,
    maxRuns: opts.sampling.maxRuns,
    maxTimeMs: opts.sampling.maxTimeMs,
    targetCi,
    warmup: opts.sampling.warmup,
    ...(opts.sampling.pauseMs ? { pauseMs: opts.sampling.pauseMs } : {}),
    ep: opts.executionProvider,
    threads: opts.threads,
    widthMult: opts.widthMult,
    seed: opts.seed,
    pin: opts.pin,
    ...(opts.weights && Object.keys(opts.weights).length > 0 ? { weights: opts.weights } : {}),
    ...(opts.latents && Object.keys(opts.latents).length > 0 ? { latents: opts.latents } : {}),
    ...(hasTorch ? { referenceCode: opts.referenceCode ?? null, python: opts.python ?? referencePython() } : {}),
    ...(hasFiles ? { fileGeometry: opts.fileGeometry ?? DEFAULT_GEOMETRY, latentChannels: opts.latentChannels ?? null } : {}),
  };
  return { rows, summary, config };
}
