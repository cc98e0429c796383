import { z } from 'zod';
import { defineResultKind } from './result-kind';
import { intervalSchema, nullableNumber, numberValue, sampleStatsFields, seedField } from './fields';

/** Fields every metrics-bench row has, whatever its state. */
const metricsRowBase = {
  task: z.enum(['ssim', 'ssim-luma', 'ms-ssim', 'psnr', 'flicker']).describe('SSIM of one RGB pair (all channels) or of its luma, MS-SSIM of the pair, PSNR or flicker over the clip'),
  implementation: z.enum(['evalkit', 'scikit-image', 'ssim.js']),
  threads: numberValue,
};

/** A row that ran: timing statistics and what they imply. */
export const metricsRowCompletedSchema = z.looseObject({
  ...metricsRowBase,
  state: z.literal('completed'),
  value: numberValue.describe('the metric (mean over frames for psnr and flicker): implementations should agree'),
  bytes: numberValue.describe('input bytes read per run'),
  flop: nullableNumber.describe('nominal FLOP per run (SSIM: 5 moment maps × 2 passes × taps × 2 per sample); null for psnr and flicker'),
  gbps: numberValue,
  gflops: nullableNumber,
  ...sampleStatsFields,
});

/** A row that did not run (a reference left out or missing), with why. */
export const metricsRowSkippedSchema = z.looseObject({
  ...metricsRowBase,
  state: z.literal('skipped'),
  reason: z.string(),
});

/** One metrics-bench row: completed or skipped (a discriminated union on `state`). */
export const metricsRowSchema = z.discriminatedUnion('state', [metricsRowCompletedSchema, metricsRowSkippedSchema]);

/** The summary of a metrics-bench document: ratios with intervals and the machine's ceilings. */
export const metricsBenchSummarySchema = z.looseObject({
  ratios: z.array(
    z.looseObject({
      label: z.string(),
      value: numberValue.describe('ratio of the two rows\' medians (above 1: the second is faster)'),
      ci95: intervalSchema.describe('95% paired-bootstrap interval over interleaved runs'),
      bootstrap: z.literal('paired'),
    }),
  ),
  ceilings: z.looseObject({
    stream: z.looseObject({ copyGBps: numberValue, triadGBps: numberValue, arrayBytes: numberValue, repeats: numberValue }),
    peakOneCore: z.looseObject({ gflops: numberValue, formula: z.string() }).nullable().describe('theoretical fp32 FMA peak of one core'),
    peakThreads: z.looseObject({ gflops: numberValue, formula: z.string() }).nullable(),
    fp64OneCoreGflops: nullableNumber.describe('half the fp32 peak: the metrics compute in float64'),
    wasmF64x2OneCoreGflops: nullableNumber.describe('what 128-bit WebAssembly SIMD can reach on one core (2 float64 lanes)'),
  }),
  kernelVariant: z.string().describe('which WebAssembly build ran: "fma" (relaxed-SIMD multiply-add) or "plain"'),
  skimageVersion: z.string().nullable(),
  input: z.looseObject({ width: numberValue, height: numberValue, channels: numberValue, frames: numberValue, description: z.string() }),
});

/** The metrics-bench kind: evalkit's reconstruction metrics against scikit-image, ssim.js and the machine's ceilings. */
export const metricsBenchKind = defineResultKind({
  kind: 'metrics-bench',
  version: 1,
  writtenBy: '`evalkit bench metrics --out`',
  config: z.looseObject({
    width: numberValue.optional(),
    height: numberValue.optional(),
    frames: numberValue.optional(),
    threads: numberValue.optional(),
    referenceRuns: numberValue.optional(),
    seed: seedField,
    skimage: z.boolean().optional(),
    ssimJs: z.boolean().optional(),
  }),
  row: metricsRowSchema,
  summary: metricsBenchSummarySchema,
});
