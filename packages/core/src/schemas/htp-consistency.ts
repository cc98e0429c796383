import { z } from 'zod';
import { defineResultKind } from './result-kind';
import { dataLabelFields, nullableNumber, nullableString, numberValue, optionalNumber } from './fields';

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
  paperPercent: nullableNumber.describe('the paper\'s value compared against (a corrected cell differs from the printed one)'),
  paperPrinted: nullableNumber.optional().describe('what the paper prints in this cell; absent in documents written before corrections (then paperPercent)'),
  paperNote: nullableString.optional().describe('why the compared value differs from the printed one, or null'),
});

/** Reports the review step marked abnormal in one group, among those with a verdict (percent in %). */
export const htpSafetyRowSchema = z.looseObject({
  groupBy: nullableString,
  group: z.string(),
  reports: numberValue,
  judged: numberValue.describe('reports with a classification verdict'),
  marked: numberValue.describe('reports marked abnormal (classification false)'),
  percent: nullableNumber,
  wilsonLow: nullableNumber,
  wilsonHigh: nullableNumber,
});

/** Token cost of one group's reports, of one kind. */
export const htpCostRowSchema = z.looseObject({
  groupBy: nullableString,
  group: z.string(),
  tokens: z.enum(['total', 'prompt', 'completion']),
  reports: numberValue,
  counted: numberValue.describe('reports that carry this usage field'),
  sum: numberValue,
  mean: nullableNumber,
  median: nullableNumber,
  p95: nullableNumber,
});

/** The summary of an htp-consistency document. */
export const htpConsistencySummarySchema = z.looseObject({
  n: optionalNumber,
  rated: optionalNumber,
  unrated: optionalNumber,
  warning: z
    .looseObject({
      count: numberValue,
      n: numberValue.optional(),
      percent: numberValue,
      wilsonLow: numberValue,
      wilsonHigh: numberValue,
      bootLow: optionalNumber,
      bootHigh: optionalNumber,
      paperPercent: optionalNumber,
    })
    .optional()
    .describe('the share of drawings flagged Warning'),
  mode: z.string().optional().describe('"consistency" (labels are levels) or "structured" (levels derived by the rubric)'),
  raters: z.array(z.string()).optional(),
  ...dataLabelFields('the reports or labels are made up (evalkit\'s synthetic study)'),
  safety: z.array(htpSafetyRowSchema).optional().describe('the review step\'s abnormal marks per group'),
  cost: z.array(htpCostRowSchema).optional().describe('token cost per group and kind'),
  reading: z.record(z.string(), z.record(z.string(), numberValue)).optional().describe('reports read per layout, signal field, language and form'),
  skipped: z.array(z.looseObject({ caseId: z.string(), source: z.string(), reason: z.string() })).optional().describe('reports left out under --lenient'),
  paperSource: z.string().optional(),
  paperCorrections: z
    .array(z.looseObject({ group: z.string(), level: z.string(), printed: numberValue, used: numberValue, why: z.string() }))
    .optional()
    .describe('paper cells compared against a value other than the printed one'),
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
    signalField: nullableString.optional(),
    opinionPattern: nullableString.optional(),
    lenient: z.boolean().optional(),
  }),
  row: htpConsistencyRowSchema,
  summary: htpConsistencySummarySchema,
});
