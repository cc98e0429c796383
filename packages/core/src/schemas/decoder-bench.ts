import { z } from 'zod';
import { defineResultKind } from './result-kind';
import { appliedCeilingSchema, intervalSchema, nullableNumber, numberValue, sampleStatsFields, samplingFields, seedField, systemBeforeAfterSchema, decoderSizeFields, sessionSettingsSchema } from './fields';

/** One decoder (a zoo graph or a user's ONNX file) timed end to end in its own process. */
export const decoderBenchRowSchema = z.looseObject({
  model: z.string().describe('the row\'s name, unique in the document, used by pairs: the user\'s label (LABEL=...), else the zoo name or the file\'s name'),
  label: z.string().describe('display label: the zoo\'s (e.g. HunyuanVideo) or the user\'s'),
  source: z.enum(['zoo', 'file', 'torch']).optional().describe('a zoo graph or a user\'s ONNX file (both in onnxruntime), or torch: the reference PyTorch model run eagerly (documents before file models: zoo)'),
  zooModel: z.string().nullable().optional().describe('the zoo decoder\'s name; null for a file or a torch row'),
  weights: z.string().nullable().optional().describe('the safetensors checkpoint a zoo graph or torch model was built with; null: seeded weights (or a file)'),
  reference: z.looseObject({
    model: z.string().describe('the zoo name of the reference decoder built'),
    torch: z.string().describe('torch.__version__ of the interpreter'),
    python: z.string().describe('the interpreter'),
    code: z.string().describe('the Turbo-VAED checkout the model was imported from (--reference-code)'),
    commit: z.string().nullable().describe('its git commit (null when it is not a git checkout)'),
  }).optional().describe('torch rows only: the reference PyTorch decoder timed in eager mode'),
  file: z.looseObject({
    path: z.string().describe('as given on the command line'),
    bytes: numberValue.describe('size of the file'),
    sha256: z.string().describe('SHA-256 of the file, hex'),
  }).nullable().optional().describe('the ONNX file a file row timed; null for zoo graphs'),
  latents: z.string().nullable().optional().describe('the latents file decoded (--latents); null: seeded N(0, 1) latents'),
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
  params: numberValue.describe('parameters: counted by the zoo builder, or the elements of a file\'s floating-point initializers (Resize/Upsample scales, Pad values and Clip bounds left out)'),
  macs: nullableNumber.describe('multiply-accumulates of one decode; null for a file, whose graph is not counted'),
  gflops: nullableNumber.describe('2 x MACs / median time; null without MACs'),
  ceilingFraction: nullableNumber.describe('gflops over the compute ceiling of the same run (measured GEMM, raised by any row above it; never above 1); null when none was measured'),
  aboveMeasuredCeiling: z.boolean().optional().describe('this row beat the measured GEMM ceiling (and so raised it)'),
  widthMult: nullableNumber.optional().describe('channel width multiplier of the graph (1 = published decoder); null for a file'),
  setupSeconds: numberValue.optional().describe('building the graph and starting the session (not timed)'),
  session: sessionSettingsSchema.nullable().optional().describe('the onnxruntime session options the row ran with: a zoo graph\'s measured per-model choice (decoder-zoo session-choice) under any #KEY=VALUE of the row; null for torch rows (documents before session choices: absent)'),
  outputMean: numberValue.optional().describe('mean of the last decoded output: a checksum showing which latents and weights were decoded'),
});

/** A baseline/candidate pair's speedup (the zoo's baseline/Turbo pairs, or --pair BASELINE:CANDIDATE). */
export const decoderPairSchema = z.looseObject({
  baseline: z.string().describe('the baseline row\'s model'),
  candidate: z.string().optional().describe('the candidate row\'s model (documents before --pair: only turbo)'),
  turbo: z.string().describe('the candidate again, under its first name, for older readers'),
  speedup: numberValue.describe('candidate FPS / baseline FPS'),
  speedupCi95: intervalSchema.optional().describe('95% paired-bootstrap interval of the FPS ratio over the A B rounds'),
  pairedRuns: numberValue.optional().describe('rounds of A B decodes the ratio rests on'),
  unstable: z.boolean().optional().describe('either row unstable, or the ratio\'s interval wider than the target'),
  paperGpuSpeedup: nullableNumber.describe('the paper\'s GPU speedup at 512x512 when both are zoo decoders the paper timed'),
});

/** The Turbo-VAED paper's FPS of one decoder at 512x512, as a document carries it beside the row it compares with. */
export const paperFpsSchema = z.looseObject({
  gpuFps: nullableNumber.describe('on GPU'),
  iphoneFps: nullableNumber.describe('on iPhone 16 Pro'),
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
  skipped: z.array(z.looseObject({ model: z.string(), reason: z.string() })).optional().describe('torch:NAME models left out because python3-torch or the reference code is missing (their rows are absent; not a failure)'),
  paperFps: z
    .record(z.string(), paperFpsSchema)
    .optional()
    .describe('by row model: the paper\'s FPS of the zoo decoders it lists, joined when the document was written (absent in older documents: the report shows no paper FPS)'),
});

/** The decoder-bench kind: end-to-end decoder timings and pair speedups. */
export const decoderBenchKind = defineResultKind({
  kind: 'decoder-bench',
  version: 1,
  writtenBy: '`evalkit bench decoders --out`',
  config: z.looseObject({
    models: z.array(z.string()).optional().describe('the --models entries: zoo names, zoo:NAME@WEIGHTS, FILE.onnx, each optionally LABEL=...'),
    pairs: z.array(z.string()).optional().describe('the pairs reported, BASELINE:CANDIDATE'),
    ...decoderSizeFields,
    frames: numberValue.nullish().describe('output frames wanted (null when --latent-frames was given)'),
    runs: numberValue.optional(),
    minRuns: numberValue.optional(),
    maxRuns: numberValue.optional(),
    maxTimeMs: numberValue.optional(),
    ...samplingFields,
    ep: z.string().optional(),
    widthMult: numberValue.optional(),
    seed: seedField,
    pin: z.boolean().optional().describe('child processes pinned to CPUs'),
    weights: z.record(z.string(), z.string()).optional().describe('--weights: checkpoint per model'),
    latents: z.record(z.string(), z.string()).optional().describe('--latents: latents file per model'),
    fileGeometry: z.looseObject({ compression: z.array(numberValue), frameRule: z.enum(['causal', 'plain']) }).optional().describe('geometry of ONNX files with symbolic latent sizes (only with files)'),
    latentChannels: nullableNumber.optional().describe('--latent-channels of ONNX files with symbolic channels (only with files)'),
    referenceCode: z.string().nullable().optional().describe('--reference-code: the Turbo-VAED checkout torch:NAME models run (only with torch models)'),
    python: z.string().optional().describe('the interpreter of torch:NAME models (only with torch models)'),
    runtime: z.string().optional().describe('"onnxruntime-web" for a browser page\'s document (absent: onnxruntime-node)'),
    backend: z.string().optional().describe('the onnxruntime-web backend of a browser page\'s document: wasm, webgpu or webnn'),
  }),
  row: decoderBenchRowSchema,
  summary: decoderBenchSummarySchema,
});
