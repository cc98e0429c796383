import type { DeclaredFields, ResultRow } from '@evalkit/core';
import { timeTasks } from '@evalkit/kernel-bench';
import type { DecoderAsset, DecoderPlan } from '../plan';
import type { WebBackend } from '../backends';
import { openWebSession, type OrtWebModule } from '../web-session';

/**
 * A decoder-bench row measured in a page: core's decoder-bench row (the one declaration of its
 * fields), with what a page always knows; peak RSS is null because a page cannot read its
 * process's memory.
 */
export type BrowserDecoderRow = DeclaredFields<ResultRow<'decoder-bench'>> & { peakRssBytes: null; widthMult: number; setupSeconds: number };

/** Rows, pair speedups and the models that failed (with why) on one backend. */
export interface DecoderRun {
  rows: BrowserDecoderRow[];
  summary: { matmulCeilingGflops: number | null; pairs: { baseline: string; turbo: string; speedup: number; paperGpuSpeedup: number | null }[]; errors: { model: string; error: string }[] };
  config: Record<string, unknown>;
}

async function fetchBytes(path: string, token: string | null): Promise<ArrayBuffer> {
  const res = await fetch(token ? `${path}?token=${encodeURIComponent(token)}` : path);
  if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status}`);
  return res.arrayBuffer();
}

async function benchOne(ort: OrtWebModule, backend: WebBackend, plan: DecoderPlan, asset: DecoderAsset, token: string | null, ceiling: number | null): Promise<BrowserDecoderRow> {
  const began = performance.now();
  const bytes = new Uint8Array(await fetchBytes(asset.modelPath, token));
  const latents = new Float32Array(await fetchBytes(asset.latentsPath, token));
  const session = await openWebSession(ort, bytes, backend);
  try {
    const feed = new ort.Tensor('float32', latents, asset.latentShape);
    let outputMean = 0;
    const decode = async () => {
      const out = await session.run({ latent: feed });
      const video = out.video;
      const data = video.data as Float32Array;
      // Reading one value forces the result to exist, so no backend can skip the work.
      outputMean = data[data.length >> 1];
      if (video.location !== 'cpu') video.dispose();
    };
    await decode();
    const setupSeconds = (performance.now() - began) / 1000;
    const outcome = (await timeTasks([{ name: asset.model, fn: decode, async: true }], { timeBudgetMs: 1, minSamples: plan.runs, warmupRuns: Math.max(0, plan.warmup - 1) })).get(asset.model);
    if (!outcome || outcome.state !== 'completed') throw new Error(outcome?.state === 'errored' ? outcome.error : 'not timed');
    if (!Number.isFinite(outputMean)) throw new Error(`decoder output is not finite (${outputMean})`);
    const s = outcome.stats;
    const outputFrames = asset.outputShape[2];
    const gflops = (2 * asset.macs) / (s.medianMs / 1000) / 1e9;
    return {
      model: asset.model,
      label: asset.label,
      height: plan.height,
      width: plan.width,
      latentFrames: asset.latentShape[2],
      outputFrames,
      runs: s.samples,
      meanMs: s.meanMs,
      medianMs: s.medianMs,
      p99Ms: s.p99Ms,
      sdMs: s.sdMs,
      minMs: s.minMs,
      fps: outputFrames / (s.medianMs / 1000),
      peakRssBytes: null,
      params: asset.params,
      macs: asset.macs,
      gflops,
      ceilingFraction: ceiling === null ? null : gflops / ceiling,
      widthMult: plan.widthMult,
      setupSeconds,
    };
  } finally {
    await session.release();
  }
}

/** Times every planned zoo decoder on `backend` (graphs and latents built by the server, as `bench decoders` builds them). */
export async function runDecodersInPage(ort: OrtWebModule, backend: WebBackend, plan: DecoderPlan, token: string | null, ceiling: number | null, threads: number, onStep: (message: string) => void): Promise<DecoderRun> {
  const rows: BrowserDecoderRow[] = [];
  const errors: { model: string; error: string }[] = [];
  for (const asset of plan.models) {
    onStep(`${backend}: decoder ${asset.model} (${(asset.macs / 1e9).toFixed(1)} GMAC)`);
    try {
      rows.push(await benchOne(ort, backend, plan, asset, token, ceiling));
    } catch (error) {
      errors.push({ model: asset.model, error: error instanceof Error ? error.message : String(error) });
    }
  }
  const pairs = plan.pairs.flatMap((p) => {
    const b = rows.find((r) => r.model === p.baseline);
    const t = rows.find((r) => r.model === p.turbo);
    return b && t ? [{ baseline: p.baseline, turbo: p.turbo, speedup: t.fps / b.fps, paperGpuSpeedup: p.paperGpuSpeedup }] : [];
  });
  const config = {
    models: plan.models.map((m) => m.model),
    height: plan.height,
    width: plan.width,
    latentFrames: null,
    frames: plan.frames,
    runs: plan.runs,
    warmup: plan.warmup,
    ep: backend,
    threads,
    widthMult: plan.widthMult,
    seed: plan.seed,
    runtime: 'onnxruntime-web',
    backend,
  };
  return { rows, summary: { matmulCeilingGflops: ceiling, pairs, errors }, config };
}
