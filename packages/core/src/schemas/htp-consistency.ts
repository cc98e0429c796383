import { z } from 'zod';
import { defineResultKind } from './result-kind';
import { nullableNumber, nullableString, numberValue, optionalNumber } from './fields';

/** One cell of the consistency table: a level's share within a group, with intervals (percent). */
export const htpConsistencyRowSchema = z.looseObject({
  groupBy: nullableString.describe('the column grouped by; null for the overall rows'),
  group: z.string().describe('"Total" for all cases'),
  level: z.string().describe('"High"|"Moderate"|"Low" (or the paper\'s Matching / Generally Matching / Not Matching)'),
  count: numberValue,
  denominator: numberValue,
  percent: numberValue,
  wilsonLow: numberValue,
  wilsonHigh: numberValue,
  bootLow: nullableNumber.describe('percentile bootstrap; null without resamples'),
  bootHigh: nullableNumber,
  paperPercent: nullableNumber,
});

/** The summary of an htp-consistency document. */
export const htpConsistencySummarySchema = z.looseObject({
  n: optionalNumber,
  rated: optionalNumber,
  unrated: optionalNumber,
  warning: z
    .looseObject({ count: numberValue, percent: numberValue, wilsonLow: numberValue, wilsonHigh: numberValue, paperPercent: optionalNumber })
    .optional()
    .describe('the share of drawings flagged Warning'),
});

/** The htp-consistency kind: the PsyDraw consistency table. */
export const htpConsistencyKind = defineResultKind({
  kind: 'htp-consistency',
  version: 1,
  writtenBy: '`evalkit htp evaluate --out`',
  rowsAre: 'percent and bounds in %',
  config: z.looseObject({
    outputs: z.string().optional(),
    labels: z.string().optional(),
    groupBy: nullableString.optional(),
    denominatorPolicy: z.string().optional(),
    seed: numberValue.optional(),
    bootstrapResamples: numberValue.optional(),
  }),
  row: htpConsistencyRowSchema,
  summary: htpConsistencySummarySchema,
});
