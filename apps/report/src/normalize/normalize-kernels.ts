import type { KernelRow, LoadedDocument } from '../model';
import { numberField, optionalIntervalField, optionalNumberField, optionalObjectField, optionalStringField, raiseCeiling, stringField, type FieldContext } from './fields';

function shapeLabel(row: Record<string, unknown>, ctx: FieldContext): string {
  const label = optionalStringField(row, 'shapeLabel', ctx);
  if (label !== null) return label;
  const shape = optionalObjectField(row, 'shape', ctx);
  return shape ? ['n', 'c', 't', 'h', 'w'].map((k) => String(shape[k] ?? '?')).join('×') : '?';
}

/** Kernel measurements; errored ones keep their error and no timings. */
export function normalizeKernels(docs: readonly { loaded: LoadedDocument; series: string }[]): KernelRow[] {
  const rows: KernelRow[] = [];
  for (const { loaded, series } of docs) {
    const { file, kind, document } = loaded;
    const first = rows.length;
    document.results.forEach((r, i) => {
      const ctx: FieldContext = { file, kind, path: `results[${i}]` };
      const state = stringField(r, 'state', ctx);
      const completed = state === 'completed';
      // Errored measurements carry no timings; completed ones must.
      const num = (key: string) => (completed ? numberField(r, key, ctx) : optionalNumberField(r, key, ctx));
      rows.push({
        series,
        variantId: stringField(r, 'variant', ctx),
        variant: optionalStringField(r, 'label', ctx) ?? stringField(r, 'variant', ctx),
        variantIndex: optionalNumberField(r, 'variantIndex', ctx) ?? i,
        implementation: optionalStringField(r, 'implementation', ctx) ?? '',
        part: optionalStringField(r, 'part', ctx) ?? '',
        shape: shapeLabel(r, ctx),
        state,
        error: optionalStringField(r, 'error', ctx),
        meanMs: num('meanMs'),
        medianMs: optionalNumberField(r, 'medianMs', ctx),
        p99Ms: optionalNumberField(r, 'p99Ms', ctx),
        rme: optionalNumberField(r, 'rme', ctx),
        medianCi95Ms: optionalIntervalField(r, 'medianCi95Ms', ctx),
        unstable: r.unstable === true,
        gbps: optionalNumberField(r, 'gbps', ctx),
        gflops: optionalNumberField(r, 'gflops', ctx),
        fractionOfMemcpy: optionalNumberField(r, 'fractionOfMemcpy', ctx),
        fractionOfMatmul: optionalNumberField(r, 'fractionOfMatmul', ctx),
        aboveCeiling: Array.isArray(r.aboveCeiling) ? r.aboveCeiling.map(String) : [],
        speedupVsVariant1: optionalNumberField(r, 'speedupVsVariant1', ctx),
        speedupVsVariant1Ci95: optionalIntervalField(r, 'speedupVsVariant1Ci95', ctx),
      });
    });
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
