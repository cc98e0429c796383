import { z } from 'zod';

/**
 * A number as documents carry it. JSON has no Infinity or NaN, so serializeResultDocument writes
 * them as the strings "Infinity", "-Infinity" and "NaN"; this accepts both forms and always gives a
 * number back, so writers (which hold real numbers) and readers (which see the strings) share it.
 */
export const numberValue = z.union(
  [z.number(), z.nan(), z.literal([Infinity, -Infinity]), z.enum(['Infinity', '-Infinity', 'NaN']).transform(Number)],
  { error: 'expected a number (or "Infinity", "-Infinity", "NaN")' },
);

/** A number, or null where the value does not exist (no ceiling measured, no paper value). */
export const nullableNumber = numberValue.nullable();

/** A field tools may leave out or write as null; readers see null in both cases where they draw it. */
export const optionalNumber = numberValue.nullish();

/** A string, or null. */
export const nullableString = z.string().nullable();

/** Free-form configuration: each kind declares the fields readers use, others pass through. */
export const looseRecord = z.record(z.string(), z.unknown());

/** The decoder size a run was set to (latent frames null where output frames were asked for instead). */
export const decoderSizeFields = {
  height: numberValue.optional(),
  width: numberValue.optional(),
  latentFrames: nullableNumber.optional(),
};

/** How a timed run samples: the interval it aims at, its untimed warm-up runs, its threads. */
export const samplingFields = {
  targetCi: numberValue.optional().describe('stop once the 95% interval\'s half-width over the median is below this'),
  warmup: numberValue.optional(),
  threads: numberValue.optional(),
};

/** The seed of a run's random inputs (null where it draws none), so a rerun draws the same. */
export const seedField = numberValue.nullish();

/** What the data is: `synthetic` (true when `madeUp`), and the note printed beside every table and figure made from it. */
export function dataLabelFields(madeUp: string) {
  return {
    synthetic: z.boolean().optional().describe(`true when ${madeUp}`),
    dataNote: nullableString.optional().describe('what the data is, printed beside every table and figure made from it'),
  };
}

/** A 95% interval [low, high]. */
export const intervalSchema = z.tuple([numberValue, numberValue]);

/** Samples outside Tukey's fences (mild beyond 1.5 IQR, severe beyond 3 IQR), as criterion.rs classifies them. */
export const tukeyOutliersSchema = z.looseObject({
  lowSevere: numberValue,
  lowMild: numberValue,
  highMild: numberValue,
  highSevere: numberValue,
  indices: z.array(numberValue),
  fences: z.array(numberValue),
});

/** The statistics every timed row carries (times in ms): median with its bootstrap interval, spread, outliers, stability. */
export const sampleStatsFields = {
  samples: numberValue.describe('number of timed samples'),
  samplesMs: z.array(numberValue).optional().describe('the raw sample times, in the order they were taken'),
  meanMs: numberValue,
  medianMs: numberValue,
  medianCi95Ms: intervalSchema.optional().describe('95% percentile-bootstrap interval of the median'),
  ciHalfWidthRel: numberValue.optional().describe('half the interval\'s width over the median (what --target-ci bounds)'),
  minMs: numberValue.optional(),
  p99Ms: numberValue,
  sdMs: numberValue,
  cv: numberValue.optional().describe('sd / mean'),
  outliers: tukeyOutliersSchema.optional(),
  unstable: z.boolean().optional().describe('cv > 10%, the interval misses the target, or fewer than 3 samples'),
  unstableReasons: z.array(z.string()).optional(),
  stopReason: z.string().optional().describe('why sampling stopped: target-ci, max-runs or max-time'),
};

/** One load snapshot: load average and the busiest other processes. */
export const systemLoadSchema = z.object({
  at: z.string().optional(),
  loadAverage: z.array(numberValue),
  busiest: z.array(z.object({ pid: numberValue, command: z.string(), cpuPercent: numberValue })),
  windowMs: numberValue.optional(),
});

/** How busy the machine was before and after the timed runs. */
export const systemBeforeAfterSchema = z.object({ before: systemLoadSchema, after: systemLoadSchema });

/** A measured ceiling as applied to the rows: max(measured, every faster row). */
export const appliedCeilingSchema = z.looseObject({
  measured: numberValue,
  effective: numberValue,
  raisedBy: z.array(z.string()),
});

/** The onnxruntime session options a decode ran with (decoder-runtime's SessionSettings; null: onnxruntime's default). */
export const sessionSettingsSchema = z.looseObject({
  executionProvider: z.string(),
  threads: nullableNumber.describe("intra-op threads (null: onnxruntime's choice)"),
  graphOptimizationLevel: z.string(),
  allowSpinning: z.boolean().nullable().describe("intra-op threads spin while waiting (null: onnxruntime's default, on)"),
  cpuMemArena: z.boolean().nullable().describe("CPU memory arena (null: onnxruntime's default, on)"),
  memPattern: z.boolean().nullable().describe("memory pattern planning (null: onnxruntime's default, on)"),
});
