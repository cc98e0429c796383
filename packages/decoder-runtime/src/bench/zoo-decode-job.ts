import { buildZooModel, buildZooModelFromCheckpoint, inspectCheckpoint, openCheckpoint } from '@evalkit/decoder-zoo';
import type { FloatTensor } from '../latents/latent';
import { randomLatents } from '../latents/random-latents';
import { DecoderSession } from '../session/decoder-session';
import { decodeTiled } from '../tiling/tiled-decode';
import { planTiles, type TileOptions } from '../tiling/tile-plan';
import { latencyOf, timeRuns, type DecodeLatency } from './latency-stats';

/** One isolated job on one zoo decoder: time repeated decodes, or decode once (whole or tiled) for memory. */
export interface ZooDecodeJob {
  model: string;
  height: number;
  width: number;
  latentFrames: number;
  widthMult?: number;
  seed?: number;
  threads?: number;
  executionProvider?: string;
  /** "time": warm-up then timed runs. "once": one decode (tiled when `tiles` is given), for peak memory. */
  mode: 'time' | 'once';
  runs?: number;
  warmup?: number;
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
}

/** What a job reports back (peak RSS is process.resourceUsage().maxRSS of the process that ran it). */
export interface ZooDecodeJobResult {
  model: string;
  label: string;
  params: number;
  /** MACs of one whole decode at the requested size (for tiled jobs: of one tile times the tile count). */
  macs: number;
  outputShape: number[];
  latency: DecodeLatency | null;
  setupSeconds: number;
  tiles: number;
  peakRssBytes: number;
  /** Checksum of the output (mean), so a decode cannot be optimised away unnoticed. */
  outputMean: number;
}

/**
 * Runs a job in this process: builds the zoo graph with seeded weights, opens a session, feeds seeded
 * random latents. Meant to run in a child process per model, so that peak RSS belongs to one model.
 */
export async function runZooDecodeJob(job: ZooDecodeJob): Promise<ZooDecodeJobResult> {
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
    const build = job.weights !== undefined
      ? buildZooModelFromCheckpoint(job.model, job.weights, { ...tileShape, configPath: job.config }).build
      : buildZooModel(job.model, { ...tileShape, widthMult: job.widthMult ?? 1, seed: job.seed ?? 0 });
    return { bytes: build.graph.toBytes(), params: build.params, info: build.info, tileMacs: build.macs };
  })();
  const session = await DecoderSession.open(bytes, { source: `zoo:${job.model}`, threads: job.threads, executionProvider: job.executionProvider, cpuMemArena: job.cpuMemArena, memPattern: job.memPattern ?? (plan && plan.count > 1 ? false : undefined) });
  const latent = randomLatents(whole.inputShape, job.seed ?? 0);
  const setupSeconds = (Date.now() - began) / 1000;
  let out: FloatTensor = { data: new Float32Array(0), shape: [] };
  let latency: DecodeLatency | null = null;
  if (job.mode === 'time') {
    const samples = await timeRuns(async () => {
      out = await session.decode(latent);
    }, job.runs ?? 3, job.warmup ?? 1);
    latency = latencyOf(samples);
  } else if (plan) {
    out = await decodeTiled(latent, (tile, into) => session.decode(tile, 'latents', into), geometry, plan);
  } else {
    out = await session.decode(latent);
  }
  let sum = 0;
  for (let i = 0; i < out.data.length; i++) sum += out.data[i];
  await session.release();
  return {
    model: job.model,
    label: info.label,
    params,
    macs: tileMacs * (plan?.count ?? 1),
    outputShape: out.shape,
    latency,
    setupSeconds,
    tiles: plan?.count ?? 1,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    outputMean: sum / Math.max(1, out.data.length),
  };
}
