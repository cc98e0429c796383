import type { DeclaredFields, ResultSummary, WrittenRow } from '@evalkit/core';

/**
 * A kernel-bench row as this package writes it now, by state: core's schema (kind kernel-bench,
 * docs/result-documents.md) with every declared field present, except tinybench's `rme`, which
 * only older documents carry.
 */
type WrittenKernelRow<S extends string> = Omit<Extract<WrittenRow<'kernel-bench'>, { state: S }>, 'rme'>;

/** A row whose task ran: latency statistics in ms (median with its interval, CV, outliers, raw samples) and what they imply. */
export type KernelRowCompleted = WrittenKernelRow<'completed'>;

/** A row whose task failed (build, agreement check, or an error while timing); the suite carries on. */
export type KernelRowErrored = WrittenKernelRow<'errored'>;

/** One result row of a kernel benchmark. */
export type KernelRow = KernelRowCompleted | KernelRowErrored;

/** Which implementation produced a row: the ONNX graph in onnxruntime-node, or the plain TypeScript kernel. */
export type Implementation = KernelRow['implementation'];

/** Whether a row times the whole variant (conv and rearrangement) or the rearrangement alone. */
export type Part = KernelRow['part'];

/** How the implementations of a variant were checked against each other before timing. */
export type AgreementCheck = KernelRow['checks'][number];

/** The two ceilings measured in the same run, on the same device, with what was measured (the summary's `ceilings`). */
export type Ceilings = Required<Pick<DeclaredFields<ResultSummary<'kernel-bench'>['ceilings']>, 'memcpyGBps' | 'matmulGflops' | 'memcpyBytes' | 'matmulSize' | 'threads'>>;
