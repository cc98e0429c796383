import type { DeclaredFields, ResultSummary, WrittenRow } from '@evalkit/core';
import type { DeviceCeilings } from '../ceilings/measure-ceilings';
import type { AppliedCeiling } from '../ceilings/roofline';
import type { SystemLoad } from '../io/system-load';

/**
 * One row of a decoder-bench result document, as core's schema declares it (docs/result-documents.md,
 * kind decoder-bench): every field written, except `reference`, which only torch rows have.
 */
export type DecoderBenchRow = Omit<WrittenRow<'decoder-bench'>, 'reference'> & Partial<Pick<WrittenRow<'decoder-bench'>, 'reference'>>;

/** A baseline/candidate pair timed interleaved: candidate FPS / baseline FPS with its paired-bootstrap interval (core's schema). */
export type DecoderPair = Required<DeclaredFields<ResultSummary<'decoder-bench'>['pairs'][number]>>;

/** The summary of a decoder-bench document. */
export interface DecoderBenchSummary extends Record<string, unknown> {
  /** The compute ceiling fractions are against (GFLOP/s): measured GEMM, or a row above it. */
  matmulCeilingGflops: number | null;
  /** How the ceilings were obtained and whether a row raised the compute one (null with --no-ceiling). */
  ceilings: (DeviceCeilings & { compute: AppliedCeiling }) | null;
  pairs: DecoderPair[];
  sampling: { minRuns: number; maxRuns: number; maxTimeMs: number; targetCi: number; warmup: number; interleaved: boolean };
  /** Load average and busiest other processes before and after the timed runs. */
  system: { before: SystemLoad; after: SystemLoad };
  /** How the child processes were pinned to CPUs. */
  pin: string;
  /** Models that failed, with the reason (their rows are absent). */
  errors: { model: string; error: string }[];
  /** torch:NAME models left out because python3-torch or the reference code is missing, with the reason (not a failure). */
  skipped: { model: string; reason: string }[];
}
