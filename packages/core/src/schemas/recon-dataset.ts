import { z } from 'zod';
import { defineResultKind } from './result-kind';
import { nullableNumber, numberValue } from './fields';
import { metricMeansSchema, retentionRowSchema } from './recon-metrics';

/** What one side of a pair was read from: its container format and, for video files, what ffprobe reported. */
const mediaInfoSchema = z.record(z.string(), z.unknown());

/** A pair that was evaluated: the means over its frames. */
export const datasetPairOkRowSchema = z.looseObject({
  id: z.string().describe('the pair\'s name within its dataset (a manifest id, or the relative path)'),
  status: z.literal('ok'),
  frames: numberValue.describe('frames compared'),
  metrics: metricMeansSchema.describe('means over the frames of this video'),
  baseline: metricMeansSchema.optional().describe('the same means for the baseline output'),
  media: z.looseObject({ ref: mediaInfoSchema, test: mediaInfoSchema, baseline: mediaInfoSchema.optional() }),
});

/** A pair whose input could not be evaluated (a corrupt file, mismatched sizes): recorded, not thrown. */
export const datasetPairFailedRowSchema = z.looseObject({
  id: z.string(),
  status: z.literal('failed'),
  error: z.looseObject({ code: z.string(), message: z.string() }).describe('the EvalkitError\'s code and message'),
});

/** One row per video of a dataset document (a discriminated union on `status`). */
export const datasetPairRowSchema = z.discriminatedUnion('status', [datasetPairOkRowSchema, datasetPairFailedRowSchema]);

/** The recon-dataset kind: reconstruction quality of a dataset, one row per video, shardable and mergeable. */
export const reconDatasetKind = defineResultKind({
  kind: 'recon-dataset',
  version: 1,
  writtenBy: '@evalkit/dataset (assembleDatasetDocument, shard merge)',
  rowsAre: 'one row per video, sorted by id',
  config: z.looseObject({
    metrics: z.array(z.string()),
    ssimVariant: z.enum(['wang', 'skimage']),
    dataRange: nullableNumber,
    luma: z.boolean(),
    maxFrames: nullableNumber,
    preset: z.string().nullable(),
    allowNonfinite: z.boolean(),
    baseline: z.boolean().describe('whether pairs carry a baseline output (retention is reported)'),
    pairs: numberValue.describe('pairs in the whole dataset (all shards)'),
    pairsDigest: z.string().describe('SHA-256 of the sorted pair ids: documents of different datasets never merge'),
    shard: z.looseObject({ index: numberValue, count: numberValue }).nullable().describe('the share this document covers; null for the whole dataset'),
  }),
  row: datasetPairRowSchema,
  summary: z.looseObject({
    pairs: numberValue.describe('pairs this document should hold'),
    evaluated: numberValue,
    failed: numberValue,
    failedIds: z.array(z.string()),
    frames: numberValue,
    mean: metricMeansSchema.describe('means over evaluated videos, each video weighing the same'),
    baselineMean: metricMeansSchema.optional(),
    retention: z.array(retentionRowSchema).optional(),
  }),
});
