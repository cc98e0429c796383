import { z } from 'zod';
import { defineResultKind } from './result-kind';
import { appliedCeilingSchema, intervalSchema, nullableNumber, nullableString, numberValue, sampleStatsFields, samplingFields, seedField } from './fields';

/** A 5-D shape [n, c, t, h, w]. */
export const shape5Schema = z.looseObject({ n: numberValue, c: numberValue, t: numberValue, h: numberValue, w: numberValue });

/** How the implementations of a variant were checked against each other before timing. */
export const kernelAgreementCheckSchema = z.looseObject({
  method: z.string(),
  maxAbsDiff: numberValue,
  tolerance: numberValue,
  shapeLabel: z.string(),
});

/** Fields every kernel-bench row has, whatever its state. */
const kernelRowBase = {
  variant: z.string(),
  variantIndex: numberValue,
  label: z.string(),
  implementation: z.enum(['onnx', 'ts']),
  part: z.enum(['full', 'rearrange']).describe('the whole variant, or the rearrangement alone'),
  shape: shape5Schema,
  shapeLabel: z.string(),
  bytes: numberValue.describe('bytes one pass must move (input, weights, output; float32)'),
  macs: numberValue,
  kernel: z.string().optional().describe('the TS kernel or ONNX operators timed'),
  opBytes: numberValue.optional().describe('bytes if every ONNX operator ran unfused (informational)'),
  baselineVariant: nullableString.optional().describe('the variant this row\'s pair compares against'),
  checks: z.array(kernelAgreementCheckSchema).optional(),
  speedupVsBaseline: nullableNumber.optional(),
  aboveCeiling: z.array(z.string()).optional().describe('the measured ceilings this row beat (and so raised): "matmul", "memcpy"'),
  bound: z.enum(['memory', 'compute']).nullable().optional().describe('which roof bounds the row at its arithmetic intensity'),
};

/** A row whose task ran: latency statistics in ms and what they imply. */
export const kernelRowCompletedSchema = z.looseObject({
  ...kernelRowBase,
  state: z.literal('completed'),
  ...sampleStatsFields,
  rme: numberValue.optional().describe('relative margin of error of the mean, % (tinybench; older documents)'),
  gbps: nullableNumber,
  gflops: nullableNumber.describe('null (or 0) for pure data movement'),
  fractionOfMemcpy: nullableNumber,
  fractionOfMatmul: nullableNumber,
  speedupVsVariant1: nullableNumber,
  speedupVsVariant1Ci95: intervalSchema.nullable().optional().describe('95% paired-bootstrap interval of the speedup over variant 1'),
  speedupVsBaselineCi95: intervalSchema.nullable().optional(),
});

/** A row whose task failed (build, agreement check, or a tinybench error); the suite carried on. */
export const kernelRowErroredSchema = z.looseObject({
  ...kernelRowBase,
  state: z.literal('errored'),
  error: z.string(),
  meanMs: z.null(),
  medianMs: z.null(),
  p99Ms: z.null(),
  sdMs: z.null(),
  rme: z.null().optional(),
  samples: numberValue,
  gbps: z.null(),
  gflops: z.null(),
  fractionOfMemcpy: z.null(),
  fractionOfMatmul: z.null(),
  speedupVsVariant1: z.null(),
  speedupVsVariant1Ci95: z.null().optional(),
  speedupVsBaselineCi95: z.null().optional(),
});

/** One kernel-bench row: completed or errored (a discriminated union on `state`). */
export const kernelRowSchema = z.discriminatedUnion('state', [kernelRowCompletedSchema, kernelRowErroredSchema]);

/** The summary of a kernel-bench document: the ceilings measured in the same run. */
export const kernelBenchSummarySchema = z.looseObject({
  ceilings: z.looseObject({
    memcpyGBps: numberValue.describe('the memory ceiling fractions are against: STREAM copy, raised by any faster row (bytes read plus written)'),
    matmulGflops: numberValue.describe('the compute ceiling fractions are against: best measured GEMM, raised by any faster row'),
    measuredMemcpyGBps: numberValue.optional().describe('what the STREAM copy measurement itself gave'),
    measuredMatmulGflops: numberValue.optional().describe('what the GEMM measurement itself gave'),
    compute: appliedCeilingSchema.optional(),
    memory: appliedCeilingSchema.optional(),
    triadGBps: numberValue.optional(),
    method: z.string().optional(),
    memcpyBytes: numberValue.optional(),
    matmulSize: numberValue.optional(),
    threads: numberValue.optional(),
  }),
});

/** The kernel-bench kind: upsampling kernel variants against the machine's ceilings. */
export const kernelBenchKind = defineResultKind({
  kind: 'kernel-bench',
  version: 1,
  writtenBy: '`evalkit bench kernels --out`',
  config: z.looseObject({
    preset: z.string().optional(),
    variants: z.array(z.string()).optional(),
    timeBudgetMs: numberValue.optional(),
    minSamples: numberValue.optional(),
    maxSamples: numberValue.optional(),
    ...samplingFields,
    seed: seedField,
    runtime: z.string().optional().describe('"onnxruntime-node" or "onnxruntime-web" (a browser page, or bench kernels --runtime web)'),
    backend: z.string().optional().describe('the onnxruntime-web backend of a browser page\'s document: wasm, webgpu or webnn'),
  }),
  row: kernelRowSchema,
  summary: kernelBenchSummarySchema,
});
