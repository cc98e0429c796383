import type { z } from 'zod';
import { agreementKind } from './agreement';
import { decodeKind } from './decode';
import { decoderBenchKind } from './decoder-bench';
import { encodeKind } from './encode';
import { htpConsistencyKind } from './htp-consistency';
import { kernelBenchKind } from './kernel-bench';
import { metricsBenchKind } from './metrics-bench';
import { reconDatasetKind } from './recon-dataset';
import { reconMetricsKind } from './recon-metrics';
import { zooSizesKind } from './zoo-sizes';

/** Every kind of result document the tools write, by kind: the one list writers and readers share. */
export const RESULT_KIND_DEFINITIONS = {
  'zoo-sizes': zooSizesKind,
  'decoder-bench': decoderBenchKind,
  'kernel-bench': kernelBenchKind,
  'metrics-bench': metricsBenchKind,
  'recon-metrics': reconMetricsKind,
  'recon-dataset': reconDatasetKind,
  'htp-consistency': htpConsistencyKind,
  agreement: agreementKind,
  decode: decodeKind,
  encode: encodeKind,
} as const;

/** One of the kinds in RESULT_KIND_DEFINITIONS. */
export type ResultKind = keyof typeof RESULT_KIND_DEFINITIONS;

/** The kinds, in the order docs/result-documents.md lists them. */
export const RESULT_KINDS = Object.keys(RESULT_KIND_DEFINITIONS) as ResultKind[];

/** Whether `kind` is one this build declares. */
export function isResultKind(kind: string): kind is ResultKind {
  return Object.prototype.hasOwnProperty.call(RESULT_KIND_DEFINITIONS, kind);
}

type Def<K extends ResultKind> = (typeof RESULT_KIND_DEFINITIONS)[K];

/** A row of kind K as readers get it (non-finite strings turned back into numbers). */
export type ResultRow<K extends ResultKind> = z.output<Def<K>['row']>;
/**
 * The declared fields of a schema's type without the index signature that loose objects add, so
 * that a writer's own interfaces (which have none) are checked against the declared fields.
 */
export type DeclaredFields<T> = T extends readonly unknown[]
  ? { [I in keyof T]: DeclaredFields<T[I]> }
  : T extends object
    ? { [P in keyof T as string extends P ? never : number extends P ? never : P]: DeclaredFields<T[P]> }
    : T;

/**
 * A row of kind K as its writer makes it now: every declared field present (fields are optional in
 * the schema only so that documents written before them still read).
 */
export type WrittenRow<K extends ResultKind> = Required<DeclaredFields<ResultRow<K>>>;

/** A row of kind K as writers may give it (extra fields allowed). */
export type ResultRowInput<K extends ResultKind> = DeclaredFields<z.input<Def<K>['row']>>;
/** The summary of kind K as readers get it. */
export type ResultSummary<K extends ResultKind> = z.output<Def<K>['summary']>;
/** The summary of kind K as writers may give it (declared fields checked, others allowed). */
export type ResultSummaryInput<K extends ResultKind> = DeclaredFields<z.input<Def<K>['summary']>> & { [key: string]: unknown };
/** The config of kind K as readers get it. */
export type ResultConfig<K extends ResultKind> = z.output<Def<K>['config']>;

export * from './fields';
export * from './result-kind';
export * from './zoo-sizes';
export * from './decoder-bench';
export * from './kernel-bench';
export * from './metrics-bench';
export * from './recon-metrics';
export * from './recon-dataset';
export * from './htp-consistency';
export * from './agreement';
export * from './decode';
export * from './encode';
export { RESULT_KIND_EXAMPLES } from './examples';
