import type { DeclaredFields, ResultSummary, WrittenRow } from '@evalkit/core';
import type { DeviceCeilings } from '../ceilings/measure-ceilings';
import type { AppliedCeiling } from '../ceilings/roofline';

/**
 * One row of a decoder-bench result document, as core's schema declares it (docs/result-documents.md,
 * kind decoder-bench): every field written, except `reference`, which only torch rows have.
 */
export type DecoderBenchRow = Omit<WrittenRow<'decoder-bench'>, 'reference'> & Partial<Pick<WrittenRow<'decoder-bench'>, 'reference'>>;

/** A baseline/candidate pair timed interleaved: candidate FPS / baseline FPS with its paired-bootstrap interval (core's schema). */
export type DecoderPair = Required<DeclaredFields<ResultSummary<'decoder-bench'>['pairs'][number]>>;

/**
 * The summary of a decoder-bench document as this package writes it (core's schema): every declared
 * field present, `ceilings` as measured here (null with --no-ceiling), `paperFps` keyed by row model.
 */
export type DecoderBenchSummary = Omit<Required<DeclaredFields<ResultSummary<'decoder-bench'>>>, 'ceilings' | 'pairs' | 'paperFps'> & {
  ceilings: (DeviceCeilings & { compute: AppliedCeiling }) | null;
  pairs: DecoderPair[];
  paperFps: Record<string, DeclaredFields<NonNullable<ResultSummary<'decoder-bench'>['paperFps']>[string]>>;
};
