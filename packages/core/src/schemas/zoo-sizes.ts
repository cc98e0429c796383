import { z } from 'zod';
import { defineResultKind } from './result-kind';
import { decoderSizeFields, nullableNumber, nullableString, numberValue } from './fields';

/** One decoder's size at the document's output size, beside the paper's figures. */
export const zooSizeRowSchema = z.looseObject({
  model: z.string().describe('zoo name, e.g. turbo-vaed-hunyuan'),
  label: z.string(),
  family: z.enum(['turbo', 'baseline']),
  baseline: nullableString.describe('for a Turbo decoder, the baseline it distils'),
  params: numberValue,
  paperParamsM: nullableNumber.describe('parameters in millions the paper reports'),
  macs: numberValue.describe('multiply-accumulates at this size, attention included'),
  paperMacsT: nullableNumber.describe('the paper\'s TMACs, only at 512x512 and 17 frames (20 for turbo-vaed-dc)'),
  latentChannels: numberValue,
  compression: z.tuple([numberValue, numberValue, numberValue]).describe('[t, h, w]'),
  latentFrames: numberValue,
  outputFrames: numberValue,
  height: numberValue,
  width: numberValue,
  attentionMacs: numberValue.optional().describe('MACs of attention matmuls, included in macs (the paper leaves them out)'),
});

/** The zoo-sizes kind: parameter and MAC counts of every zoo decoder. */
export const zooSizesKind = defineResultKind({
  kind: 'zoo-sizes',
  version: 1,
  writtenBy: '`evalkit zoo list --json` / `--out`, written by `evalkit repro`',
  config: z.looseObject(decoderSizeFields),
  row: zooSizeRowSchema,
});
