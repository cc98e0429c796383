import { z } from 'zod';
import { defineResultKind } from './result-kind';
import { nullableNumber, numberValue } from './fields';

/** One zoo decoder timed end to end in its own process. */
export const decoderBenchRowSchema = z.looseObject({
  model: z.string(),
  label: z.string(),
  height: numberValue,
  width: numberValue,
  latentFrames: numberValue,
  outputFrames: numberValue,
  runs: numberValue,
  meanMs: numberValue,
  medianMs: numberValue,
  p99Ms: numberValue,
  sdMs: numberValue,
  minMs: numberValue,
  fps: numberValue.describe('output frames per second of the median decode time'),
  peakRssBytes: nullableNumber.describe('peak resident set of the child process that ran this model alone; null where it cannot be measured (browsers)'),
  params: numberValue,
  macs: numberValue,
  gflops: numberValue.describe('2 x MACs / median time'),
  ceilingFraction: nullableNumber.describe('gflops over the MatMul ceiling of the same run; null when none was measured'),
  widthMult: numberValue.optional().describe('channel width multiplier of the graph (1 = published decoder)'),
  setupSeconds: numberValue.optional().describe('building the graph and starting the session (not timed)'),
});

/** A baseline/Turbo pair's speedup. */
export const decoderPairSchema = z.looseObject({
  baseline: z.string(),
  turbo: z.string(),
  speedup: numberValue.describe('Turbo FPS / baseline FPS'),
  paperGpuSpeedup: nullableNumber,
});

/** The summary of a decoder-bench document. */
export const decoderBenchSummarySchema = z.looseObject({
  matmulCeilingGflops: nullableNumber,
  pairs: z.array(decoderPairSchema),
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
    runs: numberValue.optional(),
    warmup: numberValue.optional(),
    ep: z.string().optional(),
    threads: numberValue.optional(),
  }),
  row: decoderBenchRowSchema,
  summary: decoderBenchSummarySchema,
});
