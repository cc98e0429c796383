import { z } from 'zod';
import { defineResultKind } from './result-kind';
import { intervalSchema, nullableNumber, nullableString, numberValue, sampleStatsFields } from './fields';

const metricsTask = z.enum(['ssim', 'ssim-luma', 'ms-ssim', 'psnr', 'flicker']);
const metricsImplementation = z.enum(['evalkit', 'scikit-image', 'ssim.js']);

/** A metric timed on this machine: its value (implementations should agree) and the time statistics. */
export const metricsBenchCompletedRowSchema = z.looseObject({
  state: z.literal('completed'),
  task: metricsTask,
  implementation: metricsImplementation,
  threads: numberValue,
  value: numberValue.describe('the metric (mean over frames for the clip tasks)'),
  bytes: numberValue.describe('bytes of input read per run'),
  flop: nullableNumber.describe('nominal FLOP per run; null for reductions'),
  gbps: numberValue,
  gflops: nullableNumber,
  ...sampleStatsFields,
});

/** A row that did not run (scikit-image or ssim.js absent), and why. */
export const metricsBenchSkippedRowSchema = z.looseObject({
  state: z.literal('skipped'),
  task: metricsTask,
  implementation: metricsImplementation,
  threads: numberValue,
  reason: z.string(),
});

/** The metrics-bench kind: evalkit's SSIM/PSNR/flicker timed beside scikit-image and ssim.js. */
export const metricsBenchKind = defineResultKind({
  kind: 'metrics-bench',
  version: 1,
  writtenBy: '`evalkit bench metrics --out`',
  rowsAre: 'one row per task, implementation and thread count (a discriminated union on `state`)',
  config: z.looseObject({
    width: numberValue.optional(),
    height: numberValue.optional(),
    frames: numberValue.optional(),
    threads: numberValue.optional(),
    referenceRuns: numberValue.optional(),
    seed: numberValue.optional(),
  }),
  row: z.discriminatedUnion('state', [metricsBenchCompletedRowSchema, metricsBenchSkippedRowSchema]),
  summary: z.looseObject({
    ratios: z.array(z.looseObject({ label: z.string(), value: numberValue, ci95: intervalSchema, bootstrap: z.string() })).describe('ratios of two rows\' medians with paired-bootstrap intervals'),
    ceilings: z.looseObject({}).describe('STREAM bandwidth and FMA peaks measured or computed in the same run'),
    kernelVariant: z.string().describe('which build of the WebAssembly kernels ran ("fma" or "plain")'),
    skimageVersion: nullableString,
    input: z.looseObject({ width: numberValue, height: numberValue, channels: numberValue, frames: numberValue, description: z.string() }),
  }),
});
