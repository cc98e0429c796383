import { z } from 'zod';
import { defineResultKind } from './result-kind';
import { nullableNumber, nullableString, numberValue, sessionSettingsSchema } from './fields';

/** What one `evalkit decode` wrote. */
export const decodeRowSchema = z.looseObject({
  outputShape: z.array(numberValue).describe('[1, 3, frames, height, width]'),
  frames: numberValue,
  height: numberValue,
  width: numberValue,
  files: z.array(z.string()).describe('the PNG frames, or the one .y4m, .npy or .mp4 written'),
  tiles: numberValue.describe('tiles decoded (1 = whole)'),
  estimatedPeakBytes: nullableNumber.describe('estimated peak memory of the chosen tiling; null without a memory budget'),
  params: nullableNumber,
  macs: nullableNumber,
  profile: nullableString.describe('onnxruntime Chrome-trace profile written, if asked for'),
  profileEvents: nullableNumber,
  profileOpTypes: z
    .array(z.looseObject({ opType: z.string(), totalMs: numberValue, calls: numberValue, share: numberValue }))
    .nullish()
    .describe('with --profile: kernel time by operator type, largest first (share of all kernel time)'),
});

/** The decode kind: one decode of latents to frames (one row). */
export const decodeKind = defineResultKind({
  kind: 'decode',
  version: 1,
  writtenBy: '`evalkit decode` (decode.json beside the frames)',
  config: z.looseObject({
    model: z.string().optional(),
    latents: z.string().optional(),
    format: z.enum(['png', 'y4m', 'npy', 'mp4']).optional(),
    video: z
      .looseObject({ codec: z.string(), pixelFormat: z.string(), crf: nullableNumber, lossless: z.boolean(), fps: z.string() })
      .optional()
      .describe('--format mp4: how ffmpeg encoded video.mp4'),
    ep: z.string().optional(),
    session: sessionSettingsSchema
      .optional()
      .describe("the onnxruntime session options the decode ran with (null: onnxruntime's default)"),
  }),
  row: decodeRowSchema,
});
