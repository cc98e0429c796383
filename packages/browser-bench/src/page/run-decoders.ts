import { applyCeiling, DEFAULT_TARGET_CI, decoderRowTiming, pairSpeedup, sampleInterleaved, timedByCaller, type DecoderRowIdentity, type DecoderRowTiming, type PairSpeedup, type StopReason } from '@evalkit/bench/statistics';
import type { DecoderAsset, DecoderPlan } from '../plan';
import type { WebBackend } from '../backends';
import { openWebSession, type OrtWebModule } from '../web-session';

type WebSession = Awaited<ReturnType<typeof openWebSession>>;

/**
 * A decoder-bench row measured in a page: the same statistics as `bench decoders`' rows (median with
 * its 95% interval, CV, Tukey outliers, unstable flag, stop reason; @evalkit/bench computes both);
 * peak RSS is null because a page cannot read its process's memory.
 */
export interface BrowserDecoderRow extends DecoderRowIdentity, DecoderRowTiming, Record<string, unknown> {
  peakRssBytes: null;
  params: number;
  macs: number;
  /** gflops / the page's MatMul ceiling (raised by any row above it); never above 1; null without kernels. */
  ceilingFraction: number | null;
  aboveMeasuredCeiling: boolean;
  widthMult: number;
  /** Seconds spent fetching the graph, starting the session and the first (warm-up) decode. */
  setupSeconds: number;
  /** Why sampling of this row (and its pair partner) stopped. */
  stopReason: StopReason;
}

/** A baseline/Turbo pair timed interleaved in the page, as in `bench decoders`' summary. */
export interface BrowserDecoderPair extends PairSpeedup {
  baseline: string;
  turbo: string;
  paperGpuSpeedup: number | null;
}

/** Rows, pair speedups and the models that failed (with why) on one backend. */
export interface DecoderRun {
  rows: BrowserDecoderRow[];
  summary: {
    /** The page's MatMul ceiling fractions are against (raised by any row above it; null without kernels). */
    matmulCeilingGflops: number | null;
    pairs: BrowserDecoderPair[];
    sampling: { minRuns: number; maxRuns: number; maxTimeMs: number; targetCi: number; warmup: number; interleaved: boolean };
    errors: { model: string; error: string }[];
    /** The paper's FPS of the measured models it lists, from the plan (joined when the document is written). */
    paperFps: DecoderPlan['paperFps'];
  };
  config: Record<string, unknown>;
}

async function fetchBytes(path: string, token: string | null): Promise<ArrayBuffer> {
  const res = await fetch(token ? `${path}?token=${encodeURIComponent(token)}` : path);
  if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status}`);
  return res.arrayBuffer();
}

/** A decoder ready to time: its session, one decode, and the setup it took. */
interface OpenedDecoder {
  asset: DecoderAsset;
  session: WebSession;
  decode: () => Promise<void>;
  /** The middle output value of the last decode (checked finite after timing). */
  lastValue: () => number;
  setupSeconds: number;
}

async function openDecoder(ort: OrtWebModule, backend: WebBackend, asset: DecoderAsset, token: string | null): Promise<OpenedDecoder> {
  const began = performance.now();
  const bytes = new Uint8Array(await fetchBytes(asset.modelPath, token));
  const latents = new Float32Array(await fetchBytes(asset.latentsPath, token));
  const session = await openWebSession(ort, bytes, backend);
  try {
    const feed = new ort.Tensor('float32', latents, asset.latentShape);
    let value = 0;
    const decode = async () => {
      const out = await session.run({ latent: feed });
      const video = out.video;
      const data = video.data as Float32Array;
      // Reading one value forces the result to exist, so no backend can skip the work.
      value = data[data.length >> 1];
      if (video.location !== 'cpu') video.dispose();
    };
    await decode(); // the first decode compiles kernels and allocates: setup, and the first warm-up run
    return { asset, session, decode, lastValue: () => value, setupSeconds: (performance.now() - began) / 1000 };
  } catch (error) {
    await session.release();
    throw error;
  }
}

/** The groups timed together, as `bench decoders` forms them: each pair present (interleaved A B), then every other model alone. */
function groupsOf(plan: DecoderPlan): DecoderAsset[][] {
  const byName = new Map(plan.models.map((m) => [m.model, m]));
  const used = new Set<string>();
  const groups: DecoderAsset[][] = [];
  for (const p of plan.pairs) {
    const b = byName.get(p.baseline);
    const t = byName.get(p.turbo);
    if (!b || !t) continue;
    groups.push([b, t]);
    used.add(b.model).add(t.model);
  }
  for (const m of plan.models) if (!used.has(m.model)) groups.push([m]);
  return groups;
}

/**
 * Times every planned zoo decoder on `backend` (graphs and latents built by the server, as `bench
 * decoders` builds them) with `bench decoders`' sampling: a pair's two sessions open side by side
 * and alternate A B A B under adaptive sampling (stopping at the target interval, --max-runs or
 * --max-time), and the rows, ceiling fractions and pair speedups come from the same @evalkit/bench
 * functions as a Node.js run's, so browser and native rows compare like for like.
 */
export async function runDecodersInPage(ort: OrtWebModule, backend: WebBackend, plan: DecoderPlan, token: string | null, ceiling: number | null, threads: number, onStep: (message: string) => void): Promise<DecoderRun> {
  const sampling = plan.sampling;
  const targetCi = sampling.targetCi ?? DEFAULT_TARGET_CI;
  const timed = new Map<string, { opened: OpenedDecoder; samples: number[]; stopReason: StopReason }>();
  const errors: { model: string; error: string }[] = [];
  for (const group of groupsOf(plan)) {
    const opened: OpenedDecoder[] = [];
    try {
      for (const asset of group) {
        onStep(`${backend}: decoder ${asset.model} (${(asset.macs / 1e9).toFixed(1)} GMAC): loading`);
        try {
          opened.push(await openDecoder(ort, backend, asset, token));
        } catch (error) {
          errors.push({ model: asset.model, error: error instanceof Error ? error.message : String(error) });
        }
      }
      if (opened.length === 0) continue;
      const names = opened.map((o) => o.asset.model).join(' vs ');
      try {
        // The first decode in openDecoder was one warm-up run.
        const outcome = await sampleInterleaved(
          opened.map((o) => timedByCaller(o.decode)),
          { ...sampling, warmup: Math.max(0, sampling.warmup - 1) },
          (round, s) => onStep(`${backend}: ${names}: round ${round}, ${s.map((x) => `${(x[x.length - 1] / 1000).toFixed(2)} s`).join(' / ')}`),
        );
        opened.forEach((o, i) => {
          if (!Number.isFinite(o.lastValue())) throw new Error(`${o.asset.model}: decoder output is not finite (${o.lastValue()})`);
          timed.set(o.asset.model, { opened: o, samples: outcome.samples[i], stopReason: outcome.stopReason });
        });
      } catch (error) {
        for (const o of opened) errors.push({ model: o.asset.model, error: error instanceof Error ? error.message : String(error) });
      }
    } finally {
      for (const o of opened) await o.session.release();
    }
  }

  const measured = plan.models.filter((m) => timed.has(m.model)).map((m) => timed.get(m.model)!);
  const partial = measured.map((t) => ({ t, timing: decoderRowTiming(t.samples, t.opened.asset.outputShape[2], t.opened.asset.macs, targetCi) }));
  const applied = ceiling === null ? null : applyCeiling(partial.map((p) => ({ id: p.t.opened.asset.model, rate: p.timing.gflops })), ceiling);
  const rows: BrowserDecoderRow[] = partial.map(({ t, timing }, i) => {
    const asset = t.opened.asset;
    return {
      model: asset.model,
      label: asset.label,
      height: plan.height,
      width: plan.width,
      latentFrames: asset.latentShape[2],
      outputFrames: asset.outputShape[2],
      ...timing,
      peakRssBytes: null,
      params: asset.params,
      macs: asset.macs,
      ceilingFraction: applied ? applied.fractions[i] : null,
      aboveMeasuredCeiling: applied ? applied.aboveMeasured[i] : false,
      widthMult: plan.widthMult,
      setupSeconds: t.opened.setupSeconds,
      stopReason: t.stopReason,
    };
  });
  const pairs = plan.pairs.flatMap((p) => {
    const b = rows.find((r) => r.model === p.baseline);
    const t = rows.find((r) => r.model === p.turbo);
    return b && t ? [{ baseline: p.baseline, turbo: p.turbo, ...pairSpeedup(b, t, targetCi), paperGpuSpeedup: p.paperGpuSpeedup }] : [];
  });
  const config = {
    models: plan.models.map((m) => m.model),
    height: plan.height,
    width: plan.width,
    latentFrames: null,
    frames: plan.frames,
    minRuns: sampling.minRuns,
    maxRuns: sampling.maxRuns,
    maxTimeMs: sampling.maxTimeMs,
    targetCi,
    warmup: sampling.warmup,
    ep: backend,
    threads,
    widthMult: plan.widthMult,
    seed: plan.seed,
    runtime: 'onnxruntime-web',
    backend,
  };
  return {
    rows,
    summary: {
      matmulCeilingGflops: applied ? applied.ceiling.effective : null,
      pairs,
      sampling: { minRuns: sampling.minRuns, maxRuns: sampling.maxRuns, maxTimeMs: sampling.maxTimeMs, targetCi, warmup: sampling.warmup, interleaved: true },
      errors,
      paperFps: Object.fromEntries(Object.entries(plan.paperFps).filter(([model]) => rows.some((r) => r.model === model))),
    },
    config,
  };
}
