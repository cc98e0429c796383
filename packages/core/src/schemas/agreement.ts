import { z } from 'zod';
import { defineResultKind } from './result-kind';
import { dataLabelFields, nullableNumber, numberValue } from './fields';

/** The agreement statistics a document may carry. */
export const AGREEMENT_STATISTICS = ['percent_agreement', 'cohen_kappa', 'fleiss_kappa', 'krippendorff_alpha', 'gwet_ac1', 'gwet_ac2'] as const;

/** One coefficient with its standard error and interval. */
export const agreementRowSchema = z.looseObject({
  statistic: z.enum(AGREEMENT_STATISTICS),
  variant: z.string().describe('"unweighted", "linear", "quadratic", "nominal", "ordinal", ...'),
  raters: z.string(),
  value: numberValue,
  se: nullableNumber,
  ciLow: nullableNumber,
  ciHigh: nullableNumber,
});

/** The agreement kind: inter-rater agreement coefficients. */
export const agreementKind = defineResultKind({
  kind: 'agreement',
  version: 1,
  writtenBy: '`evalkit agreement --out`, `evalkit htp evaluate`',
  rowsAre: 'value on one 0–1 scale; percent agreement as a proportion',
  config: z.looseObject({ ratings: z.string().optional(), levels: z.array(z.string()).optional(), scale: z.string().optional() }),
  row: agreementRowSchema,
  summary: z
    .looseObject({
      percentAgreement: numberValue.optional().describe('mean pairwise agreement, %'),
      cohen: z
        .looseObject({ kappa: numberValue, linear: numberValue, quadratic: numberValue })
        .nullable()
        .optional()
        .describe('Cohen\'s kappa when there are exactly two raters'),
      raters: z.array(z.string()).optional(),
      ...dataLabelFields('the ratings are made up (a `synthetic` column true on every row)'),
    })
    .describe('the JSON that `evalkit agreement --json` prints'),
});
