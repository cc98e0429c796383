// The reconstruction-metrics benchmark: evalkit's SSIM, MS-SSIM, PSNR and flicker against
// scikit-image (Debian's python, same run), ssim.js, and this machine's FMA and memory ceilings.
import { availableParallelism } from 'node:os';
import { mulberry32 } from '@evalkit/core';
import { closeSsimThreads, flickerBetween, lumaBt601, metricsKernels, MS_SSIM_MIN_SIDE, msSsim, psnr, ssim, type Frame } from '@evalkit/recon-metrics';
import { measureStreamBandwidth, type StreamBandwidth } from '../ceilings/stream-bandwidth';
import { theoreticalPeak, type TheoreticalPeak } from '../ceilings/theoretical-peak';
import { readCpuInfoSources } from '../io/cpu-info';
import { startSkimage } from '../io/skimage-metrics-timing';
import { sampleInterleaved, timedByCaller, type SamplingOptions } from '../sampling/adaptive-sampling';
import { pairedRatioInterval, type Interval } from '../stats/bootstrap';
import { sampleStats, type SampleStats } from '../stats/sample-stats';

/** What to measure and how long. */
export interface MetricsBenchOptions {
  width: number;
  height: number;
  /** Frames of the clip PSNR and flicker stream through (SSIM uses the first pair). */
  frames: number;
  /** Threads of the multi-threaded SSIM and MS-SSIM rows (the single-threaded rows are always there). */
  threads: number;
  /** Sampling of evalkit's rows (interleaved where rows are compared). */
  sampling: SamplingOptions;
  /**
   * Rounds of scikit-image and ssim.js, each interleaved with evalkit's one-thread run of the same
   * task (A B A B …) so that drift in the machine's load hits both sides of the ratio alike.
   */
  referenceRuns: number;
  seed: number;
  /** Debian's python with scikit-image, or null to leave scikit-image out. */
  python: string | null;
  /** Time ssim.js (npm `ssim.js`, luma, Gaussian window, no downsampling). */
  ssimJs: boolean;
  onStep?: (message: string) => void;
}

/** Which code ran a row. */
export type MetricsImplementation = 'evalkit' | 'scikit-image' | 'ssim.js';

/** The tasks: SSIM of one RGB pair (all channels) and of its luma, MS-SSIM of the pair, PSNR and flicker over the clip. */
export type MetricsTask = 'ssim' | 'ssim-luma' | 'ms-ssim' | 'psnr' | 'flicker';

/** One timed row; `state` says whether it ran. */
export type MetricsBenchRow =
  | ({
      state: 'completed';
      task: MetricsTask;
      implementation: MetricsImplementation;
      threads: number;
      /** The metric's value (mean over frames for the clip tasks): implementations should agree. */
      value: number;
      /** Bytes of input read per run. */
      bytes: number;
      /** Nominal FLOP per run (SSIM: 5 moment maps × 2 passes × 11 taps × 2 per sample), null for reductions. */
      flop: number | null;
      gbps: number;
      gflops: number | null;
    } & Omit<SampleStats, 'samples'> & { samples: number })
  | { state: 'skipped'; task: MetricsTask; implementation: MetricsImplementation; threads: number; reason: string };

/** A ratio of two rows' medians with its 95% bootstrap interval. */
export interface MetricsRatio {
  label: string;
  value: number;
  ci95: Interval;
  /** Always 'paired': the two sides were sampled interleaved, and the bootstrap keeps the pairs. */
  bootstrap: 'paired';
}

/** The machine's ceilings, measured or computed in the same run. */
export interface MetricsCeilings {
  stream: StreamBandwidth;
  /** fp32 FMA peak for one core and for `threads` cores (null where /proc/cpuinfo is absent). */
  peakOneCore: TheoreticalPeak | null;
  peakThreads: TheoreticalPeak | null;
  /** float64 FMA peak = fp32 / 2 (the metrics compute in float64, like scikit-image). */
  fp64OneCoreGflops: number | null;
  /** What 128-bit WebAssembly SIMD can reach on one core: FMA units × 2 float64 lanes × 2 × clock. */
  wasmF64x2OneCoreGflops: number | null;
}

/** Everything the command prints and writes. */
export interface MetricsBenchOutcome {
  rows: MetricsBenchRow[];
  ratios: MetricsRatio[];
  ceilings: MetricsCeilings;
  /** Which build of the WebAssembly kernels ran ('fma' or 'plain'). */
  kernelVariant: string;
  skimageVersion: string | null;
  input: { width: number; height: number; channels: number; frames: number; description: string };
}

const FLOP_PER_SAMPLE = 5 * 2 * 11 * 2;

/** A seeded clip: smooth moving gradients plus texture, and a test copy with seeded noise. */
export function syntheticClip(width: number, height: number, frames: number, seed: number): { ref: Uint8Array; test: Uint8Array } {
  const frameSize = width * height * 3;
  const ref = new Uint8Array(frameSize * frames);
  const test = new Uint8Array(frameSize * frames);
  const rand = mulberry32(seed);
  for (let t = 0, k = 0; t < frames; t++) {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        for (let c = 0; c < 3; c++, k++) {
          const smooth = 128 + 60 * Math.sin((x + 3 * t) / (37 + 11 * c)) * Math.cos((y - 2 * t) / (23 + 7 * c));
          const v = Math.max(0, Math.min(255, Math.round(smooth + 40 * (rand() - 0.5))));
          ref[k] = v;
          test[k] = Math.max(0, Math.min(255, v + Math.round(24 * (rand() - 0.5))));
        }
      }
    }
  }
  return { ref, test };
}

function completed(task: MetricsTask, implementation: MetricsImplementation, threads: number, value: number, samplesMs: number[], bytes: number, flop: number | null, targetCi?: number): MetricsBenchRow {
  const s = sampleStats(samplesMs, { targetCi });
  return { state: 'completed', task, implementation, threads, value, ...s, bytes, flop, gbps: bytes / (s.medianMs / 1000) / 1e9, gflops: flop === null ? null : flop / (s.medianMs / 1000) / 1e9 };
}

/** Runs the benchmark. The SSIM worker threads it starts are stopped before it returns. */
export async function runMetricsBench(options: MetricsBenchOptions): Promise<MetricsBenchOutcome> {
  const { width: w, height: h, frames, threads } = options;
  const step = options.onStep ?? (() => {});
  const frameSize = w * h * 3;
  step('input clip');
  const clip = syntheticClip(w, h, frames, options.seed);
  const frame = (data: Uint8Array, t: number): Frame => ({ width: w, height: h, channels: 3, data: data.subarray(t * frameSize, (t + 1) * frameSize) });
  const ref0 = frame(clip.ref, 0);
  const test0 = frame(clip.test, 0);
  const rows: MetricsBenchRow[] = [];
  const ratios: MetricsRatio[] = [];
  const sampling = options.sampling;
  const ssimFlop = frameSize * FLOP_PER_SAMPLE;
  const psnrClip = () => {
    let sum = 0;
    for (let t = 0; t < frames; t++) sum += psnr(frame(clip.ref, t), frame(clip.test, t), { dataRange: 255 });
    return sum / frames;
  };

  try {
    // SSIM of one pair, 1 thread and `threads` threads, interleaved so that their ratio is fair
    step('SSIM');
    const ssimOpts = (t: number) => ({ variant: 'wang' as const, dataRange: 255, threads: t });
    const ssimValue = ssim(ref0, test0, ssimOpts(1));
    const threadCounts = threads > 1 ? [1, threads] : [1];
    const ssimRun = await sampleInterleaved(threadCounts.map((t) => timedByCaller(() => ssim(ref0, test0, ssimOpts(t)))), sampling);
    threadCounts.forEach((t, i) => rows.push(completed('ssim', 'evalkit', t, ssimValue, ssimRun.samples[i], 2 * frameSize, ssimFlop, sampling.targetCi)));
    if (threads > 1) ratios.push({ label: `SSIM, evalkit 1 thread / ${threads} threads`, value: median(ssimRun.samples[0]) / median(ssimRun.samples[1]), ci95: pairedRatioInterval(ssimRun.samples[0], ssimRun.samples[1]), bootstrap: 'paired' });

    // MS-SSIM of the same pair (five scales; FLOP summed over the scales)
    step('MS-SSIM');
    if (w >= MS_SSIM_MIN_SIDE && h >= MS_SSIM_MIN_SIDE) {
      const msValue = msSsim(ref0, test0, { dataRange: 255 });
      let msFlop = 0;
      for (let s = 0, sw = w, sh = h; s < 5; s++, sw = Math.floor(sw / 2), sh = Math.floor(sh / 2)) msFlop += sw * sh * 3 * FLOP_PER_SAMPLE;
      const msRun = await sampleInterleaved(threadCounts.map((t) => timedByCaller(() => msSsim(ref0, test0, { dataRange: 255, threads: t }))), sampling);
      threadCounts.forEach((t, i) => rows.push(completed('ms-ssim', 'evalkit', t, msValue, msRun.samples[i], 2 * frameSize, msFlop, sampling.targetCi)));
    } else rows.push({ state: 'skipped', task: 'ms-ssim', implementation: 'evalkit', threads: 1, reason: `frames under ${MS_SSIM_MIN_SIDE}x${MS_SSIM_MIN_SIDE}` });

    // PSNR and flicker stream through the whole clip (larger than the last-level cache for 720p × 17)
    step('PSNR and flicker');
    const flickerClip = () => {
      let sum = 0;
      for (let t = 1; t < frames; t++) sum += flickerBetween(frame(clip.ref, t - 1), frame(clip.ref, t), frame(clip.test, t - 1), frame(clip.test, t), 255);
      return frames > 1 ? sum / (frames - 1) : NaN;
    };
    const psnrValue = psnrClip();
    const flickerValue = flickerClip();
    const streamRun = await sampleInterleaved([timedByCaller(psnrClip), timedByCaller(flickerClip)], sampling);
    rows.push(completed('psnr', 'evalkit', 1, psnrValue, streamRun.samples[0], 2 * frames * frameSize, null, sampling.targetCi));
    if (frames > 1) rows.push(completed('flicker', 'evalkit', 1, flickerValue, streamRun.samples[1], 4 * (frames - 1) * frameSize, null, sampling.targetCi));

    // SSIM of the luma plane: the like-for-like comparison with ssim.js, which compares luma only
    step('SSIM of luma (evalkit and ssim.js)');
    const lumaRef = lumaBt601(ref0);
    const lumaTest = lumaBt601(test0);
    const lumaValue = ssim(lumaRef, lumaTest, ssimOpts(1));
    const lumaTasks = [timedByCaller(() => ssim(lumaRef, lumaTest, ssimOpts(1)))];
    let ssimJs: ((a: Frame, b: Frame) => number) | null = null;
    if (options.ssimJs) {
      const mod = (await import('ssim.js')) as unknown as { ssim: (a: object, b: object, o: object) => { mssim: number } };
      const rgba = (f: Frame) => {
        const out = new Uint8ClampedArray(w * h * 4);
        for (let i = 0, j = 0; i < w * h; i++, j += 3) {
          out[4 * i] = f.data[j];
          out[4 * i + 1] = f.data[j + 1];
          out[4 * i + 2] = f.data[j + 2];
          out[4 * i + 3] = 255;
        }
        return { data: out, width: w, height: h };
      };
      const [a, b] = [rgba(ref0), rgba(test0)];
      // 'original': Wang's Gaussian 11/σ1.5 window; no downsampling (its default shrinks 720p threefold)
      ssimJs = () => mod.ssim(a, b, { ssim: 'original', downsample: false }).mssim;
      lumaTasks.push(timedByCaller(() => ssimJs!(ref0, test0)));
    }
    // as many rounds as scikit-image gets: ssim.js takes seconds per 720p frame
    const lumaSampling = ssimJs ? { ...sampling, minRuns: options.referenceRuns, maxRuns: options.referenceRuns, warmup: 1 } : sampling;
    const lumaRun = await sampleInterleaved(lumaTasks, lumaSampling);
    rows.push(completed('ssim-luma', 'evalkit', 1, lumaValue, lumaRun.samples[0], 2 * frameSize, w * h * FLOP_PER_SAMPLE, sampling.targetCi));
    if (ssimJs) {
      rows.push(completed('ssim-luma', 'ssim.js', 1, ssimJs(ref0, test0), lumaRun.samples[1], 2 * frameSize, w * h * FLOP_PER_SAMPLE, sampling.targetCi));
      ratios.push({ label: `SSIM of luma, ssim.js / evalkit (1 thread each, ${lumaRun.samples[0].length} interleaved rounds)`, value: median(lumaRun.samples[1]) / median(lumaRun.samples[0]), ci95: pairedRatioInterval(lumaRun.samples[1], lumaRun.samples[0]), bootstrap: 'paired' });
    } else rows.push({ state: 'skipped', task: 'ssim-luma', implementation: 'ssim.js', threads: 1, reason: 'left out (--no-ssim-js)' });
  } finally {
    await closeSsimThreads();
  }

  // scikit-image in a child process, one thread, each run interleaved with evalkit's one-thread run
  let skimageVersion: string | null = null;
  if (options.python) {
    step('scikit-image');
    let session: Awaited<ReturnType<typeof startSkimage>> | null = null;
    try {
      session = await startSkimage(clip.ref, clip.test, [frames, h, w, 3], options.python);
      const sk = session;
      skimageVersion = sk.version;
      const paired = { ...sampling, minRuns: options.referenceRuns, maxRuns: options.referenceRuns, warmup: 1 };
      const ssimPair = await sampleInterleaved([timedByCaller(() => ssim(ref0, test0, { variant: 'wang', dataRange: 255 })), () => sk.time('ssim')], paired);
      const psnrPair = await sampleInterleaved([timedByCaller(psnrClip), () => sk.time('psnr')], paired);
      rows.push(completed('ssim', 'scikit-image', 1, sk.values.ssim, ssimPair.samples[1], 2 * frameSize, ssimFlop, sampling.targetCi));
      rows.push(completed('psnr', 'scikit-image', 1, sk.values.psnr, psnrPair.samples[1], 2 * frames * frameSize, null, sampling.targetCi));
      for (const [label, run] of [['SSIM', ssimPair], ['PSNR', psnrPair]] as const) {
        const [mine, theirs] = run.samples;
        ratios.unshift({ label: `${label}, scikit-image / evalkit (1 thread each, ${mine.length} interleaved rounds)`, value: median(theirs) / median(mine), ci95: pairedRatioInterval(theirs, mine), bootstrap: 'paired' });
      }
    } catch (error) {
      for (const task of ['ssim', 'psnr'] as const) rows.push({ state: 'skipped', task, implementation: 'scikit-image', threads: 1, reason: (error as Error).message });
    } finally {
      session?.close();
    }
  } else for (const task of ['ssim', 'psnr'] as const) rows.push({ state: 'skipped', task, implementation: 'scikit-image', threads: 1, reason: 'left out (--no-skimage)' });

  step('ceilings');
  const stream = measureStreamBandwidth();
  const sources = readCpuInfoSources();
  const logical = availableParallelism();
  const peakOneCore = theoreticalPeak(sources, 1, logical);
  const peakThreads = theoreticalPeak(sources, threads, logical);
  const inputs = peakOneCore?.inputs;
  return {
    rows,
    ratios,
    ceilings: {
      stream,
      peakOneCore,
      peakThreads,
      fp64OneCoreGflops: peakOneCore ? peakOneCore.gflops / 2 : null,
      wasmF64x2OneCoreGflops: inputs ? inputs.fmaUnitsPerCore * 2 * 2 * inputs.ghz : null,
    },
    kernelVariant: metricsKernels()?.variant ?? 'none (TypeScript loops)',
    skimageVersion,
    input: { width: w, height: h, channels: 3, frames, description: `seeded synthetic clip (smooth moving gradients + texture; test = reference + seeded noise), seed ${options.seed}` },
  };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
