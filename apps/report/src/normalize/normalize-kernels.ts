import type { KernelRow, SeriesDocument } from '../model';
import { documentOf } from './document-of';
import { raiseCeiling } from './raise-ceiling';

/** Kernel measurements; errored ones keep their error and no timings. */
export function normalizeKernels(docs: readonly SeriesDocument[]): KernelRow[] {
  const rows: KernelRow[] = [];
  for (const { loaded, series } of docs) {
    const first = rows.length;
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
        rme: r.rme ?? null,
        medianCi95Ms: r.state === 'completed' ? (r.medianCi95Ms ?? null) : null,
        unstable: r.state === 'completed' && r.unstable === true,
        gbps: r.gbps,
        gflops: r.gflops,
        fractionOfMemcpy: r.fractionOfMemcpy,
        fractionOfMatmul: r.fractionOfMatmul,
        aboveCeiling: [...(r.aboveCeiling ?? [])],
        speedupVsVariant1: r.speedupVsVariant1,
        speedupVsVariant1Ci95: r.speedupVsVariant1Ci95 ?? null,
      });
    }
    // Ceilings hold in the report too, whatever wrote the document.
    const mine = rows.slice(first);
    for (const [field, name] of [['fractionOfMatmul', 'matmul'], ['fractionOfMemcpy', 'memcpy']] as const) {
      const held = raiseCeiling(mine.map((k) => k[field]));
      mine.forEach((k, i) => {
        k[field] = held.fractions[i];
        if (held.above[i] && !k.aboveCeiling.includes(name)) k.aboveCeiling.push(name);
      });
    }
  }
  return rows;
}
