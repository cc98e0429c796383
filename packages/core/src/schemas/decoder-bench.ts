import { z } from 'zod';
import { defineResultKind } from './result-kind';
import { appliedCeilingSchema, intervalSchema, nullableNumber, numberValue, sampleStatsFields, systemBeforeAfterSchema } from './fields';

/** One zoo decoder timed end to end in its own process. */
export const decoderBenchRowSchema = z.looseObject({
  model: z.string(),
  label: z.string(),
  height: numberValue,
  width: numberValue,
  latentFrames: numberValue,
  outputFrames: numberValue,
  runs: numberValue.describe('timed decodes (= samples; kept under its first name for older readers)'),
  ...sampleStatsFields,
  samples: numberValue.optional().describe('number of timed samples (documents before adaptive sampling have only runs)'),
  minMs: numberValue,
  fps: numberValue.describe('output frames per second of the median decode time'),
  fpsCi95: intervalSchema.optional().describe('FPS over the median\'s 95% interval'),
  peakRssBytes: nullableNumber.describe('peak resident set of the child process that ran this model alone; null where it cannot be measured (browsers)'),
  params: numberValue,
  macs: numberValue,
  gflops: numberValue.describe('2 x MACs / median time'),
  ceilingFraction: nullableNumber.describe('gflops over the compute ceiling of the same run (measured GEMM, raised by any row above it; never above 1); null when none was measured'),
  aboveMeasuredCeiling: z.boolean().optional().describe('this row beat the measured GEMM ceiling (and so raised it)'),
  widthMult: numberValue.optional().describe('channel width multiplier of the graph (1 = published decoder)'),
  setupSeconds: numberValue.optional().describe('building the graph and starting the session (not timed)'),
});

/** A baseline/Turbo pair's speedup. */
export const decoderPairSchema = z.looseObject({
  baseline: z.string(),
  turbo: z.string(),
  speedup: numberValue.describe('Turbo FPS / baseline FPS'),
  speedupCi95: intervalSchema.optional().describe('95% paired-bootstrap interval of median(baseline) / median(turbo) over the A B rounds'),
  pairedRuns: numberValue.optional().describe('rounds of A B decodes the ratio rests on'),
  unstable: z.boolean().optional().describe('either row unstable, or the ratio\'s interval wider than the target'),
  paperGpuSpeedup: nullableNumber,
});

/** The summary of a decoder-bench document. */
export const decoderBenchSummarySchema = z.looseObject({
  matmulCeilingGflops: nullableNumber.describe('the compute ceiling fractions are against (GFLOP/s): measured GEMM, or a row above it'),
  ceilings: z.looseObject({
    matmulGflops: numberValue,
    memcpyGBps: numberValue,
    triadGBps: numberValue.optional(),
    threads: numberValue.optional(),
    method: z.string().optional(),
    compute: appliedCeilingSchema.optional(),
  }).nullable().optional().describe('how the ceilings were obtained and whether a row raised the compute one (null with --no-ceiling)'),
  pairs: z.array(decoderPairSchema),
  sampling: z.looseObject({
    minRuns: numberValue,
    maxRuns: numberValue,
    maxTimeMs: numberValue,
    targetCi: numberValue,
    warmup: numberValue,
    interleaved: z.boolean(),
  }).optional(),
  system: systemBeforeAfterSchema.optional().describe('load average and busiest other processes before and after the timed runs'),
  pin: z.string().optional().describe('how the child processes were pinned to CPUs'),
  errors: z.array(z.looseObject({ model: z.string(), error: z.string() })).optional().describe('models that failed (their rows are absent)'),
});

/** The decoder-bench kind: end-to-end decoder timings and pair speedups. */
export const decoderBenchKind = defineResultKind({
  kind: 'decoder-bench',
  version: 1,
  writtenBy: '`evalkit bench decoders --out`',
  config: z.looseObject({
    models: z.array(z.string()).optional(),
    height: numberValue.optional(),
    width: numberValue.optional(),
    latentFrames: nullableNumber.optional(),
    frames: numberValue.nullish().describe('output frames wanted (null when --latent-frames was given)'),
    runs: numberValue.optional(),
    minRuns: numberValue.optional(),
    maxRuns: numberValue.optional(),
    maxTimeMs: numberValue.optional(),
    targetCi: numberValue.optional(),
    warmup: numberValue.optional(),
    ep: z.string().optional(),
    threads: numberValue.optional(),
    widthMult: numberValue.optional(),
    seed: numberValue.nullish(),
    pin: z.boolean().optional().describe('child processes pinned to CPUs'),
    runtime: z.string().optional().describe('"onnxruntime-web" for a browser page\'s document (absent: onnxruntime-node)'),
    backend: z.string().optional().describe('the onnxruntime-web backend of a browser page\'s document: wasm, webgpu or webnn'),
  }),
  row: decoderBenchRowSchema,
  summary: decoderBenchSummarySchema,
});
