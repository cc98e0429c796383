import { z } from 'zod';
import { defineResultKind } from './result-kind';
import { numberValue } from './fields';

/** What one `evalkit encode` wrote, with the codec's round-trip PSNR. */
export const encodeRowSchema = z.looseObject({
  clip: z.string(),
  frames: numberValue,
  height: numberValue,
  width: numberValue,
  latentShape: z.array(numberValue).describe('[1, 16, T, H/8, W/8]'),
  roundTripPsnrDb: numberValue.describe('mean per-frame PSNR of decode(encode(clip)) against the clip'),
  out: z.string(),
});

/** The encode kind: the embedded codec's encode of a clip (one row). */
export const encodeKind = defineResultKind({
  kind: 'encode',
  version: 1,
  writtenBy: '`evalkit encode --json`',
  config: z.looseObject({ clip: z.string().optional(), out: z.string().optional(), codec: z.string().optional() }),
  row: encodeRowSchema,
});
