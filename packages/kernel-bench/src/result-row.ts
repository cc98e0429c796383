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

/** A row whose task ran: latency statistics in ms and what they imply. */
export interface KernelRowCompleted extends KernelRowBase {
  state: 'completed';
  meanMs: number;
  medianMs: number;
  p99Ms: number;
  sdMs: number;
  /** Relative margin of error of the mean, in percent (tinybench rme). */
  rme: number;
  samples: number;
  gbps: number;
  gflops: number;
  fractionOfMemcpy: number;
  fractionOfMatmul: number;
  speedupVsVariant1: number | null;
  speedupVsBaseline: number | null;
  checks: AgreementCheck[];
}

/** A row whose task failed (build, agreement check, or a tinybench error); the suite carries on. */
export interface KernelRowErrored extends KernelRowBase {
  state: 'errored';
  error: string;
  meanMs: null;
  medianMs: null;
  p99Ms: null;
  sdMs: null;
  rme: null;
  samples: 0;
  gbps: null;
  gflops: null;
  fractionOfMemcpy: null;
  fractionOfMatmul: null;
  speedupVsVariant1: null;
  speedupVsBaseline: null;
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
