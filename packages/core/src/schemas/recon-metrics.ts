import { z } from 'zod';
import { defineResultKind } from './result-kind';
import { nullableNumber, numberValue, optionalNumber } from './fields';

/** One frame's metrics (only the metrics asked for are present). */
export const reconFrameRowSchema = z.looseObject({
  video: z.string(),
  index: numberValue,
  psnr: optionalNumber,
  ssim: optionalNumber,
  msssim: optionalNumber,
  flicker: optionalNumber,
  mse: optionalNumber,
});

/** Means of one video, or of a dataset over its videos. */
export const metricMeansSchema = z.looseObject({
  psnr: optionalNumber.describe('mean of per-frame PSNR'),
  psnrPooled: optionalNumber.describe('PSNR of the pooled MSE'),
  ssim: optionalNumber,
  msssim: optionalNumber,
  flicker: optionalNumber,
});

/** One video's summary. */
export const videoSummarySchema = metricMeansSchema.extend({ video: z.string(), frames: numberValue });

/** Quality retention of one metric: test against a baseline decoder's output. */
export const retentionRowSchema = z.looseObject({
  metric: z.string(),
  higherIsBetter: z.boolean().optional(),
  baseline: numberValue,
  test: numberValue,
  retention: numberValue,
});

/** The summary of a recon-metrics document. */
export const reconMetricsSummarySchema = z.looseObject({
  mean: metricMeansSchema.optional(),
  perVideo: z.array(videoSummarySchema).optional(),
  retention: z.array(retentionRowSchema).optional(),
  paperQualityRetention: nullableNumber
    .optional()
    .describe('with retention: the retention the Turbo-VAED paper claims, joined when the document was written (absent in older documents: the report draws no claim)'),
});

/** The recon-metrics kind: reconstruction quality frame by frame. */
export const reconMetricsKind = defineResultKind({
  kind: 'recon-metrics',
  version: 1,
  writtenBy: '`evalkit metrics --out`, the codec round trip in `evalkit repro`',
  rowsAre: 'one row per frame',
  config: z.looseObject({
    ref: z.string().optional(),
    test: z.string().optional(),
    metrics: z.array(z.string()).optional(),
    ssimVariant: z.string().optional(),
    dataRange: numberValue.optional(),
    preset: z.string().optional(),
  }),
  row: reconFrameRowSchema,
  summary: reconMetricsSummarySchema,
});
