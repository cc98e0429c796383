import { extractPlane, type Frame, type FrameData } from './frame';
import { kernelHasWindow, ssimStrips } from './kernels/ssim-strips';
import { metricsKernels } from './kernels/wasm-kernels';
import { ssimTeam } from './parallel/ssim-team';
import { createSsimScratch, ssimPlaneScalar, type SsimScratch, type SsimStats } from './ssim-plane';
import { windowForVariant, type SsimVariant, type SsimWindow } from './ssim-window';

/** Options of SSIM: convention and data range (255 for 8-bit data, 1 for [0,1] data). */
export interface SsimOptions {
  variant: SsimVariant;
  dataRange: number;
  /**
   * Threads to split one frame over (column strips; default 1, this thread only). Worker threads
   * are started on first use and kept for later calls (closeSsimThreads stops them).
   */
  threads?: number;
}

/** SSIM is better when higher. */
export const SSIM_HIGHER_IS_BETTER = true;

// Plane buffers of the generic path are kept between calls: allocating (and zeroing) two fresh
// planes per frame costs more than a tenth of the SSIM itself. One set per thread, grown as needed.
let cached: { px: Float64Array; py: Float64Array; scratch: SsimScratch } | undefined;

function buffersFor(width: number, height: number): { px: Float64Array; py: Float64Array; scratch: SsimScratch } {
  const n = width * height;
  if (!cached || cached.px.length < n || cached.scratch.rows.length < 4 * width) {
    cached = { px: new Float64Array(n), py: new Float64Array(n), scratch: createSsimScratch(width) };
  }
  return cached;
}

/**
 * Mean SSIM and cs over every channel of two interleaved frames: all channels in one pass of the
 * WebAssembly kernel for the 11- and 7-tap windows, else channel by channel on the generic TypeScript loop.
 */
export function ssimStatsInterleaved(x: FrameData, y: FrameData, width: number, height: number, channels: number, window: SsimWindow, dataRange: number, threads = 1): SsimStats {
  const kernels = metricsKernels();
  if (kernels && kernelHasWindow(window) && channels <= 4) {
    if (threads > 1) {
      const team = ssimTeam(threads);
      return ssimStrips(team.kernels, x, y, width, height, channels, window, dataRange, team.run, team.threads);
    }
    return ssimStrips(kernels, x, y, width, height, channels, window, dataRange);
  }
  const { px, py, scratch } = buffersFor(width, height);
  const frameX: Frame = { width, height, channels, data: x };
  const frameY: Frame = { width, height, channels, data: y };
  let sumSsim = 0;
  let sumCs = 0;
  for (let c = 0; c < channels; c++) {
    const s = ssimPlaneScalar(extractPlane(frameX, c, px), extractPlane(frameY, c, py), width, height, window, dataRange, scratch);
    sumSsim += s.ssim;
    sumCs += s.cs;
  }
  return { ssim: sumSsim / channels, cs: sumCs / channels };
}

/**
 * Mean SSIM of two equally shaped frames; multi-channel frames give the mean over channels
 * (scikit-image's `channel_axis`, and torchmetrics' mean over the channel dimension).
 * 'wang' matches skimage `gaussian_weights=True, sigma=1.5, use_sample_covariance=False` and
 * torchmetrics; 'skimage' matches skimage's defaults (7x7 uniform window, sample covariance).
 */
export function ssim(ref: Frame, test: Frame, options: SsimOptions): number {
  if (!(options.dataRange > 0)) throw new RangeError(`dataRange must be positive, got ${options.dataRange}`);
  const threads = options.threads ?? 1;
  if (!(Number.isInteger(threads) && threads >= 1)) throw new RangeError(`threads must be a positive integer, got ${threads}`);
  const window = windowForVariant(options.variant);
  return ssimStatsInterleaved(ref.data, test.data, ref.width, ref.height, ref.channels, window, options.dataRange, threads).ssim;
}
