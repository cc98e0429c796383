import { z } from 'zod';
import { defineResultKind } from './result-kind';
import { looseRecord, numberValue } from './fields';
import { metricMeansSchema, retentionRowSchema } from './recon-metrics';

/** A video pair that was scored: its frames, the means over them, the baseline's, and what was read. */
export const evaluatedPairRowSchema = z.looseObject({
  id: z.string().min(1).describe('the pair\'s id (manifest id or relative path)'),
  status: z.literal('ok'),
  frames: numberValue.describe('frames compared'),
  metrics: metricMeansSchema.describe('means over this video\'s frames'),
  baseline: metricMeansSchema.optional().describe('the baseline output\'s means, when the dataset has a baseline'),
  media: z
    .looseObject({ ref: looseRecord, test: looseRecord, baseline: looseRecord.optional() })
    .describe('what each side was read from: format, dtype, and for video files ffprobe\'s codec, size, frames, frame rate, pixel format, colour range and matrix'),
});

/** A pair whose input could not be scored (corrupt or missing file, mismatched sizes): recorded, not thrown. */
export const failedPairRowSchema = z.looseObject({
  id: z.string().min(1),
  status: z.literal('failed'),
  error: z.looseObject({ code: z.string(), message: z.string() }).describe('the EvalkitError code and message (naming file, field and value)'),
});

/** One row per video of a dataset. */
export const pairRowSchema = z.discriminatedUnion('status', [evaluatedPairRowSchema, failedPairRowSchema]);

/** The summary of a recon-dataset document. */
export const reconDatasetSummarySchema = z.looseObject({
  pairs: numberValue.describe('pairs this document should hold: the dataset, or its shard\'s share'),
  evaluated: numberValue,
  failed: numberValue,
  failedIds: z.array(z.string()),
  frames: numberValue.describe('frames compared over the evaluated videos'),
  mean: metricMeansSchema.describe('means over evaluated videos, each video weighing the same'),
  baselineMean: metricMeansSchema.optional(),
  retention: z.array(retentionRowSchema).optional(),
});

/** The recon-dataset kind: reconstruction quality of a dataset, one row per video. */
export const reconDatasetKind = defineResultKind({
  kind: 'recon-dataset',
  version: 1,
  writtenBy: '`evalkit metrics --manifest|--ref-dir ... --out`, `evalkit merge`',
  rowsAre: 'one row per video pair, sorted by id; config, results and summary are the same however the pairs were run (pool, shards merged, queue)',
  // declared for readers; every field optional as in the other kinds (mergeDatasetDocuments compares configs whole)
  config: z.looseObject({
    metrics: z.array(z.string()).optional(),
    ssimVariant: z.string().optional(),
    dataRange: numberValue.nullable().optional(),
    luma: z.boolean().optional(),
    maxFrames: numberValue.nullable().optional(),
    preset: z.string().nullable().optional(),
    allowNonfinite: z.boolean().optional(),
    baseline: z.boolean().optional(),
    pairs: numberValue.optional().describe('pairs in the whole dataset'),
    pairsDigest: z.string().optional().describe('SHA-256 of the sorted pair ids, one per line'),
    shard: z.object({ index: numberValue, count: numberValue }).nullable().optional().describe('the share this document covers; null for the whole dataset'),
  }),
  row: pairRowSchema,
  summary: reconDatasetSummarySchema,
});
