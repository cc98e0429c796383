import { buildZooModel, buildZooModelFromCheckpoint, inspectCheckpoint, openCheckpoint, zooSessionChoice } from '@evalkit/decoder-zoo';
import { DecoderSession, decodeTiled, planTiles, randomLatents, readLatents, sessionDefaultsOf, withSessionDefaults, type FloatTensor, type SessionSettings, type TileOptions } from '@evalkit/decoder-runtime';
import type { SessionOverrides } from '../decoders/session-overrides';
import { prepareFileDecode } from './file-decode-job';

/**
 * One isolated job on one decoder (a zoo graph, or a user's ONNX file when `file` is set): serve timed
 * decodes on request, or decode once (whole or tiled) for memory.
 */
export interface ZooDecodeJob {
  /** The zoo decoder's name; for a file job, the row's label. */
  model: string;
  /** Display label (default: the zoo's label, or `model` for a file). */
  label?: string;
  /** A user's ONNX decoder file to run instead of a zoo graph (height/width/latentFrames then unused). */
  file?: string;
  /** Random latents of this shape for a file job (when `latents` is not given). */
  latentShape?: number[];
  /** Latents to decode (FILE.npy, FILE.npz[:KEY], FILE.safetensors[:KEY]) instead of seeded random ones; a zoo graph is built at their size. */
  latents?: string;
  height: number;
  width: number;
  latentFrames: number;
  widthMult?: number;
  seed?: number;
  threads?: number;
  executionProvider?: string;
  /** "serve": set up once, then decode once per request on stdin (see zoo-decode-child). "once": one decode (tiled when `tiles` is given), for peak memory. */
  mode: 'serve' | 'once';
  /** onnxruntime CPU memory arena (default on). */
  cpuMemArena?: boolean;
  /** onnxruntime memory pattern (default on). */
  memPattern?: boolean;
  /** Latent tile sizes for mode "once"; the graph is then built at the tile size. */
  tiles?: TileOptions;
  /** A safetensors checkpoint to load instead of seeded weights (strictly matched; widths from its config). */
  weights?: string;
  /** The checkpoint's diffusers config.json when not beside the weights. */
  config?: string;
  /** Session options of this row (`#KEY=VALUE` in --models): over the zoo's per-model choice, or onnxruntime's defaults for a file. */
  session?: SessionOverrides;
}

/** What a prepared job knows before its first decode. */
export interface ZooDecodeSetup {
  model: string;
  label: string;
  params: number;
  /** MACs of one whole decode at the requested size (for tiled jobs: of one tile times the tile count); null for a file, whose graph is not counted. */
  macs: number | null;
  setupSeconds: number;
  tiles: number;
  /** The onnxruntime session options the decodes ran with (null from a torch child, which runs PyTorch). */
  session: SessionSettings | null;
}

/** What a finished job reports (peak RSS is process.resourceUsage().maxRSS of the process that ran it). */
export interface ZooDecodeJobResult extends ZooDecodeSetup {
  outputShape: number[];
  peakRssBytes: number;
  /** Checksum of the last output (mean), so a decode cannot be optimised away unnoticed. */
  outputMean: number;
}

/** A job with its session open and latents drawn: decode() runs once, release() ends it. */
export interface PreparedZooDecode {
  setup: ZooDecodeSetup;
  /** Decodes the whole latent once (tiled when planned); returns the output. */
  decode(): Promise<FloatTensor>;
  release(): Promise<void>;
}

/** Mean of an output, the checksum a job reports. */
export function outputMean(out: FloatTensor): number {
  let sum = 0;
  for (let i = 0; i < out.data.length; i++) sum += out.data[i];
  return sum / Math.max(1, out.data.length);
}

/**
 * Builds the zoo graph with seeded weights (or a checkpoint's), opens a session and draws seeded random latents. Meant
 * to run in a child process per model, so that peak RSS belongs to one model.
 */
export async function prepareZooDecode(job: ZooDecodeJob): Promise<PreparedZooDecode> {
  if (job.file !== undefined) return prepareFileDecode(job, job.file);
  const began = Date.now();
  const size = { height: job.height, width: job.width, latentFrames: job.latentFrames };
  const checkpoint = job.weights !== undefined ? openCheckpoint(job.weights, job.config) : null;
  const whole = checkpoint ? inspectCheckpoint(job.model, checkpoint, size).build : buildZooModel(job.model, { ...size, widthMult: job.widthMult ?? 1, seed: job.seed ?? 0, materializeWeights: false });
  const [, sh, sw] = whole.info.compression;
  const geometryRule = whole.info.outputFrames(5) === whole.info.compression[0] * 5 ? 'plain' : 'causal';
  const geometry = { compression: whole.info.compression, frameRule: geometryRule as 'plain' | 'causal' };
  const plan = job.tiles ? planTiles(whole.inputShape, geometry, job.tiles) : null;
  const tileShape = plan ? { latentFrames: plan.frames.size, height: plan.height.size * sh, width: plan.width.size * sw } : { latentFrames: job.latentFrames, height: job.height, width: job.width };
  // Built inside a function so the builder's copy of the weights can be collected before decoding.
  const { bytes, params, info, tileMacs } = ((): { bytes: Uint8Array; params: number; info: typeof whole.info; tileMacs: number } => {
    const build =
      job.weights !== undefined
        ? buildZooModelFromCheckpoint(job.model, job.weights, { ...tileShape, configPath: job.config }).build
        : buildZooModel(job.model, { ...tileShape, widthMult: job.widthMult ?? 1, seed: job.seed ?? 0 });
    return { bytes: build.graph.toBytes(), params: build.params, info: build.info, tileMacs: build.macs };
  })();
  // A tiled job runs one session many times: the memory pattern would hold a second block beside the arena.
  const asked = { ...job.session, threads: job.threads, executionProvider: job.executionProvider, cpuMemArena: job.session?.cpuMemArena ?? job.cpuMemArena, memPattern: job.session?.memPattern ?? job.memPattern ?? (plan && plan.count > 1 ? false : undefined) };
  const session = await DecoderSession.open(bytes, { source: `zoo:${job.model}`, ...withSessionDefaults(asked, sessionDefaultsOf(zooSessionChoice(info.name))) });
  const latent = job.latents !== undefined ? readLatents(job.latents) : randomLatents(whole.inputShape, job.seed ?? 0);
  // A tiled job's graph takes one tile; decodeTiled checks each tile against it, the whole latent only fits an untiled graph.
  if (!plan) session.checkLatentShape(latent.shape, job.latents);
  return {
    setup: { model: job.model, label: job.label ?? info.label, params, macs: tileMacs * (plan?.count ?? 1), setupSeconds: (Date.now() - began) / 1000, tiles: plan?.count ?? 1, session: session.settings },
    decode: () => (plan ? decodeTiled(latent, (tile, into) => session.decode(tile, 'latents', into), geometry, plan) : session.decode(latent)),
    release: async () => {
      await session.release();
    },
  };
}

/** Runs a "once" job in this process: prepare, decode once, report peak memory. */
export async function runZooDecodeOnce(job: ZooDecodeJob): Promise<ZooDecodeJobResult> {
  const prepared = await prepareZooDecode(job);
  const out = await prepared.decode();
  await prepared.release();
  return { ...prepared.setup, outputShape: out.shape, peakRssBytes: process.resourceUsage().maxRSS * 1024, outputMean: outputMean(out) };
}
