import type { KernelRow, LoadedDocument } from '../model';
import { documentOf } from './document-of';

/** Kernel measurements; errored ones keep their error and no timings. */
export function normalizeKernels(docs: readonly { loaded: LoadedDocument; series: string }[]): KernelRow[] {
  const rows: KernelRow[] = [];
  for (const { loaded, series } of docs) {
    for (const r of documentOf(loaded, 'kernel-bench').results) {
      rows.push({
        series,
        variantId: r.variant,
        variant: r.label,
        variantIndex: r.variantIndex,
        implementation: r.implementation,
        part: r.part,
        shape: r.shapeLabel,
        state: r.state,
        error: r.state === 'errored' ? r.error : null,
        meanMs: r.meanMs,
        medianMs: r.medianMs,
        p99Ms: r.p99Ms,
        rme: r.rme,
        gbps: r.gbps,
        gflops: r.gflops,
        fractionOfMemcpy: r.fractionOfMemcpy,
        fractionOfMatmul: r.fractionOfMatmul,
        speedupVsVariant1: r.speedupVsVariant1,
      });
    }
  }
  return rows;
}
