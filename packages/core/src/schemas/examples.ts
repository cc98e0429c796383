import type { ResultKind, ResultRowInput, ResultSummaryInput } from './index';

/**
 * One valid row (and config and summary, where the kind declares them) of each kind, with a declared
 * field tests mistype (`mistype`) and one they delete (`required`, default the same).
 */
export const RESULT_KIND_EXAMPLES: {
  [K in ResultKind]: { row: ResultRowInput<K>; config?: Record<string, unknown>; summary?: ResultSummaryInput<K>; mistype: keyof ResultRowInput<K> & string; required?: keyof ResultRowInput<K> & string };
} = {
  'zoo-sizes': {
    row: { model: 'turbo-vaed-hunyuan', label: 'Turbo-VAED-Hunyuan', family: 'turbo', baseline: 'hunyuanvideo', params: 4.2e7, paperParamsM: 42.3, macs: 1.1e12, paperMacsT: null, latentChannels: 16, compression: [4, 8, 8], latentFrames: 5, outputFrames: 17, height: 256, width: 256 },
    mistype: 'params',
  },
  'decoder-bench': {
    row: { model: 'hunyuanvideo', label: 'HunyuanVideo', height: 64, width: 64, latentFrames: 5, outputFrames: 17, runs: 3, meanMs: 1020, medianMs: 1000, p99Ms: 1100, sdMs: 30, minMs: 970, fps: 17, peakRssBytes: 9e8, params: 1.5e8, macs: 4e11, gflops: 800, ceilingFraction: null },
    summary: { matmulCeilingGflops: null, pairs: [{ baseline: 'hunyuanvideo', turbo: 'turbo-vaed-hunyuan', speedup: 8.4, paperGpuSpeedup: 2.6 }] },
    mistype: 'medianMs',
  },
  'kernel-bench': {
    row: { variant: '6', variantIndex: 6, label: 'decoupled 3D pixel shuffle', implementation: 'onnx', part: 'full', shape: { n: 1, c: 8, t: 2, h: 8, w: 8 }, shapeLabel: '1x8x2x8x8', bytes: 1e6, macs: 1e6, state: 'completed', meanMs: 1, medianMs: 0.98, p99Ms: 1.3, sdMs: 0.05, rme: 1.5, samples: 100, gbps: 1, gflops: 2, fractionOfMemcpy: 0.1, fractionOfMatmul: 0.02, speedupVsVariant1: 2.5 },
    summary: { ceilings: { memcpyGBps: 10, matmulGflops: 100 } },
    mistype: 'medianMs',
  },
  'metrics-bench': {
    row: { state: 'completed', task: 'ssim', implementation: 'evalkit', threads: 1, value: 0.87, bytes: 5.5e6, flop: 6.1e8, gbps: 120, gflops: 13, samples: 10, meanMs: 46, medianMs: 45, p99Ms: 50, sdMs: 2 },
    summary: {
      ratios: [{ label: 'SSIM, scikit-image / evalkit (1 thread each, 10 interleaved rounds)', value: 8.1, ci95: [7.9, 8.3], bootstrap: 'paired' }],
      ceilings: { stream: { copyGBps: 20, triadGBps: 12, arrayBytes: 2 ** 26, repeats: 5 }, peakOneCore: null, peakThreads: null, fp64OneCoreGflops: null, wasmF64x2OneCoreGflops: null },
      kernelVariant: 'fma',
      skimageVersion: '0.19.3',
      input: { width: 1280, height: 720, channels: 3, frames: 17, description: 'seeded synthetic clip' },
    },
    mistype: 'threads',
  },
  'recon-metrics': {
    row: { video: 'clip', index: 0, psnr: Infinity, ssim: 1 },
    summary: { mean: { psnr: Infinity }, perVideo: [{ video: 'clip', frames: 1, psnr: Infinity, ssim: 1 }] },
    mistype: 'psnr',
    required: 'video',
  },
  'recon-dataset': {
    row: { id: 'clips/a.mp4', status: 'ok', frames: 17, metrics: { psnr: 31.2, ssim: 0.91 }, media: { ref: { format: 'mp4' }, test: { format: 'y4m' } } },
    config: { metrics: ['psnr', 'ssim'], ssimVariant: 'wang', dataRange: 255, luma: false, maxFrames: null, preset: null, allowNonfinite: false, baseline: false, pairs: 3, pairsDigest: 'e3b0c442', shard: null },
    summary: { pairs: 3, evaluated: 3, failed: 0, failedIds: [], frames: 51, mean: { psnr: 31.2, ssim: 0.91 } },
    mistype: 'status',
    required: 'id',
  },
  'htp-consistency': {
    row: { groupBy: null, group: 'Total', level: 'High', count: 10, denominator: 20, percent: 50, wilsonLow: 29.9, wilsonHigh: 70.1, bootLow: null, bootHigh: null, paperPercent: 51.2 },
    summary: { n: 20, warning: { count: 4, percent: 20, wilsonLow: 8.1, wilsonHigh: 41.6, paperPercent: null } },
    mistype: 'percent',
  },
  agreement: {
    row: { statistic: 'cohen_kappa', variant: 'quadratic', raters: 'a,b', value: 0.69, se: 0.04, ciLow: 0.61, ciHigh: 0.77 },
    mistype: 'value',
  },
  decode: {
    row: { outputShape: [1, 3, 17, 64, 64], frames: 17, height: 64, width: 64, files: ['out/video.y4m'], tiles: 1, estimatedPeakBytes: null, params: null, macs: null, profile: null, profileEvents: null },
    mistype: 'frames',
  },
  encode: {
    row: { clip: 'fixtures/clip', frames: 17, height: 128, width: 128, latentShape: [1, 16, 5, 16, 16], roundTripPsnrDb: 24.9, out: 'clip.npy' },
    mistype: 'roundTripPsnrDb',
  },
};
