import type { Interval, SampleStats } from '@evalkit/bench';
import type { Shape5 } from './shape';

/** Which implementation produced a row: the ONNX graph in onnxruntime-node, or the plain TypeScript kernel. */
export type Implementation = 'onnx' | 'ts';

/** Whether a row times the whole variant (conv and rearrangement) or the rearrangement alone. */
export type Part = 'full' | 'rearrange';

/** How the implementations of a variant were checked against each other before timing. */
export interface AgreementCheck {
  /** What was compared with what, in words. */
  method: string;
  /** Largest absolute difference seen (0 for exact). */
  maxAbsDiff: number;
  /** Allowed difference (0 means bit-exact). */
  tolerance: number;
  /** Shape of the input the check ran on (a crop of the benchmark input for full paths). */
  shapeLabel: string;
}

/** Fields every kernel-bench row has, whatever its state (docs/result-documents.md, kind kernel-bench). */
export interface KernelRowBase {
  variant: string;
  variantIndex: number;
  label: string;
  implementation: Implementation;
  part: Part;
  shape: Shape5;
  shapeLabel: string;
  /** Name of the TS kernel or the ONNX operators timed. */
  kernel: string;
  /** Bytes each stage must move in one pass (input, weights, output; float32). */
  bytes: number;
  macs: number;
  /** Bytes if every ONNX operator ran unfused, each reading its inputs and writing its output (informational). */
  opBytes: number;
  /** Variant this row's pair compares against (see VariantDefinition.baseline). */
  baselineVariant: string | null;
}

/** A row whose task ran: latency statistics in ms (median with its interval, CV, outliers, raw samples) and what they imply. */
export interface KernelRowCompleted extends KernelRowBase, SampleStats {
  state: 'completed';
  /** Why sampling stopped: target-ci, max-runs or max-time. */
  stopReason: string;
  gbps: number;
  gflops: number;
  /** Of the memory ceiling (STREAM copy, raised by any faster row): never above 1. */
  fractionOfMemcpy: number;
  /** Of the compute ceiling (best measured GEMM, raised by any faster row): never above 1. */
  fractionOfMatmul: number;
  /** The measured ceilings this row beat (and so raised): "matmul", "memcpy". */
  aboveCeiling: string[];
  /** Which roof bounds the row at its arithmetic intensity (null before ceilings are applied). */
  bound: 'memory' | 'compute' | null;
  speedupVsVariant1: number | null;
  speedupVsVariant1Ci95: Interval | null;
  speedupVsBaseline: number | null;
  speedupVsBaselineCi95: Interval | null;
  checks: AgreementCheck[];
}

/** A row whose task failed (build, agreement check, or an error while timing); the suite carries on. */
export interface KernelRowErrored extends KernelRowBase {
  state: 'errored';
  error: string;
  meanMs: null;
  medianMs: null;
  p99Ms: null;
  sdMs: null;
  samples: 0;
  gbps: null;
  gflops: null;
  fractionOfMemcpy: null;
  fractionOfMatmul: null;
  aboveCeiling: never[];
  bound: null;
  speedupVsVariant1: null;
  speedupVsVariant1Ci95: null;
  speedupVsBaseline: null;
  speedupVsBaselineCi95: null;
  checks: AgreementCheck[];
}

/** One result row of a kernel benchmark. */
export type KernelRow = KernelRowCompleted | KernelRowErrored;

/** The two ceilings measured in the same run, on the same device. */
export interface Ceilings {
  /** Large Float32Array copy, counting bytes read plus bytes written. */
  memcpyGBps: number;
  /** Large float32 MatMul in onnxruntime (2*M*N*K flops per run). */
  matmulGflops: number;
  /** What was measured, for the record. */
  memcpyBytes: number;
  matmulSize: number;
  threads: number;
}
