import type { Frame, FrameData } from './frame';
import { align64, ensureBytes, metricsKernels, type MetricsKernels } from './kernels/wasm-kernels';
import { inputsBase, onThisThread, placeInputs, ssimPlaced, stripsOf, type PlacedInputs, type StripRunner } from './kernels/ssim-strips';
import { ssimTeam } from './parallel/ssim-team';
import { ssimStatsInterleaved } from './ssim';
import type { SsimStats } from './ssim-plane';
import { gaussianWindow, type SsimWindow } from './ssim-window';

/** The five scale weights of Wang, Simoncelli & Bovik (2003), as torchmetrics' default `betas`. */
export const MS_SSIM_WEIGHTS = [0.0448, 0.2856, 0.3001, 0.2363, 0.1333] as const;

/** Options of MS-SSIM: the data range. */
export interface MsSsimOptions {
  dataRange: number;
  /** Threads to split each scale over (column strips; default 1). */
  threads?: number;
}

/** MS-SSIM is better when higher. */
export const MS_SSIM_HIGHER_IS_BETTER = true;

/** Smallest side MS-SSIM accepts: the 11-tap window must fit in the image after four halvings. */
export const MS_SSIM_MIN_SIDE = 11 * 16;

/** 2x2 average pooling of an interleaved frame, per channel, dropping an odd last row/column (torch's avg_pool2d). */
function halve(data: FrameData, width: number, height: number, channels: number): { data: Float64Array; width: number; height: number } {
  const w = Math.floor(width / 2);
  const h = Math.floor(height / 2);
  const out = new Float64Array(w * h * channels);
  const rowLen = width * channels;
  for (let i = 0, o = 0; i < h; i++) {
    const r0 = 2 * i * rowLen;
    const r1 = r0 + rowLen;
    for (let j = 0; j < w; j++) {
      const k = 2 * j * channels;
      for (let c = 0; c < channels; c++, o++) {
        const a = k + c;
        out[o] = (data[r0 + a] + data[r0 + a + channels] + data[r1 + a] + data[r1 + a + channels]) / 4;
      }
    }
  }
  return { data: out, width: w, height: h };
}

/**
 * Multi-scale SSIM (Wang, Simoncelli & Bovik 2003) with torchmetrics' conventions: Gaussian window
 * 11/σ1.5, population covariance, valid region only, contrast-structure at scales 1-4 and full SSIM
 * at scale 5, each averaged over channels before the weighted product, 2x2 average pooling between
 * scales. A negative term raised to its fractional weight gives NaN, as in torchmetrics without
 * normalisation. Throws RangeError for sides under 176. All channels go through each scale in one
 * pass (the mean over channels is the mean over all samples: every channel has the same count).
 */
export function msSsim(ref: Frame, test: Frame, options: MsSsimOptions): number {
  if (!(options.dataRange > 0)) throw new RangeError(`dataRange must be positive, got ${options.dataRange}`);
  if (ref.width < MS_SSIM_MIN_SIDE || ref.height < MS_SSIM_MIN_SIDE) {
    throw new RangeError(`MS-SSIM needs both sides >= ${MS_SSIM_MIN_SIDE} (5 scales, 11-tap window), got ${ref.width}x${ref.height}`);
  }
  const window = gaussianWindow(1.5, 3.5, 1);
  const threads = options.threads ?? 1;
  const kernels = metricsKernels();
  const scales = kernels && ref.channels <= 4 ? scalesInKernelMemory(kernels, ref, test, window, options.dataRange, threads) : scalesInTypeScript(ref, test, window, options.dataRange, threads);
  let result = 1;
  for (let s = 0; s < MS_SSIM_WEIGHTS.length; s++) {
    const last = s === MS_SSIM_WEIGHTS.length - 1;
    result *= Math.pow(last ? scales[s].ssim : scales[s].cs, MS_SSIM_WEIGHTS[s]);
  }
  return result;
}

/**
 * Every scale on the WebAssembly kernels: the inputs are copied into kernel memory once, and each
 * pooled scale is written there by the halve kernel, next to the last: no copies, no allocation.
 */
function scalesInKernelMemory(kernels: MetricsKernels, ref: Frame, test: Frame, window: SsimWindow, dataRange: number, threads: number): SsimStats[] {
  const channels = ref.channels;
  let run: StripRunner = onThisThread;
  let slots = 1;
  if (threads > 1) {
    const team = ssimTeam(threads);
    run = team.run;
    slots = team.threads;
  }
  const sizes = [{ width: ref.width, height: ref.height }];
  for (let s = 1; s < MS_SSIM_WEIGHTS.length; s++) sizes.push({ width: Math.floor(sizes[s - 1].width / 2), height: Math.floor(sizes[s - 1].height / 2) });
  // the full-size scale has the most strips, so its results block is the largest
  const pyramid: PlacedInputs[] = [placeInputs(kernels, ref.data, test.data, inputsBase(stripsOf(ref.width, channels, window.radius).strips))];
  for (let s = 1; s < sizes.length; s++) {
    const bytes = sizes[s].width * sizes[s].height * channels * 8 + 64;
    const xPtr = align64(pyramid[s - 1].end);
    const yPtr = align64(xPtr + bytes);
    pyramid.push({ xPtr, yPtr, u8: false, end: align64(yPtr + bytes) });
  }
  const end = pyramid[pyramid.length - 1].end;
  ensureBytes(kernels.memory, end);
  const halve = kernels.halve[channels];
  return sizes.map(({ width, height }, s) => {
    const level = pyramid[s];
    if (s + 1 < sizes.length) {
      halve(level.xPtr, level.u8 ? 1 : 0, width, height, pyramid[s + 1].xPtr);
      halve(level.yPtr, level.u8 ? 1 : 0, width, height, pyramid[s + 1].yPtr);
    }
    // every scale's scratch goes after the whole pyramid
    return ssimPlaced(kernels, { ...level, end }, width, height, channels, window, dataRange, run, slots);
  });
}

/** Every scale on the generic TypeScript loop (where WebAssembly is missing, or more than 4 channels). */
function scalesInTypeScript(ref: Frame, test: Frame, window: SsimWindow, dataRange: number, threads: number): SsimStats[] {
  const channels = ref.channels;
  let x: { data: FrameData; width: number; height: number } = ref;
  let y: { data: FrameData; width: number; height: number } = test;
  const out: SsimStats[] = [];
  for (let s = 0; s < MS_SSIM_WEIGHTS.length; s++) {
    out.push(ssimStatsInterleaved(x.data, y.data, x.width, x.height, channels, window, dataRange, threads));
    if (s + 1 === MS_SSIM_WEIGHTS.length) break;
    x = halve(x.data, x.width, x.height, channels);
    y = halve(y.data, y.width, y.height, channels);
  }
  return out;
}
