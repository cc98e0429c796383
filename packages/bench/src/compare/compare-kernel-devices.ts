import { deviceBackendLabel, ERROR_CODES, EvalkitError, validateResultDocumentOfKind } from '@evalkit/core';
import { finiteOrNull, type SourcedDocument } from './sourced-document';

/** One device column of the comparison. */
export interface DeviceColumn {
  /** Short label: CPU model, threads, and the file when two runs would otherwise look the same. */
  label: string;
  source: string;
  cpuModel: string;
  threads: number | null;
  memcpyGBps: number | null;
  matmulGflops: number | null;
}

/** Median of one (variant, shape, implementation, part) on every device (null where it did not complete). */
export interface ComparedRow {
  variant: string;
  variantIndex: number;
  label: string;
  shapeLabel: string;
  implementation: string;
  part: string;
  medianMs: (number | null)[];
}

/** Per shape, a variant against its baseline on every device: median(variant) / median(baseline); below 1 the variant is faster. */
export interface ComparedRatio {
  variant: string;
  baseline: string;
  shapeLabel: string;
  implementation: string;
  part: string;
  ratio: (number | null)[];
}

/** The merged comparison `evalkit compare kernels` prints. */
export interface KernelComparison {
  devices: DeviceColumn[];
  rows: ComparedRow[];
  ratios: ComparedRatio[];
}

/** How to make the document compare needs, for the refusal of another kind. */
export const KERNEL_BENCH_HINT = 'write one with `evalkit bench kernels --out FILE`';

/**
 * Merges kernel-bench documents from several devices (or runs) into one table: every
 * (variant, shape, implementation, part) with each device's median, and each variant against its
 * baseline (pixel shuffle / interpolate+conv) per device.
 */
export function compareKernelDocuments(docs: readonly SourcedDocument[]): KernelComparison {
  if (docs.length === 0) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'give at least one kernel-bench result document');
  // Parsed with the kernel-bench schema: a mistyped row is refused naming `results[i].field`.
  const typed = docs.map(({ source, doc }) => ({ source, doc: validateResultDocumentOfKind(doc, 'kernel-bench', source, KERNEL_BENCH_HINT) }));
  const devices: DeviceColumn[] = typed.map(({ source, doc }) => {
    const ceilings = doc.summary?.ceilings;
    const threads = finiteOrNull(doc.config.threads);
    // A browser's backend (or onnxruntime-web in Node.js) is its own column beside the native CPU.
    const backend = deviceBackendLabel(doc.manifest.device);
    const machine = doc.manifest.device.browser ? backend! : `${doc.manifest.device.cpuModel}${backend ? ` · ${backend}` : ''}`;
    return { label: `${machine}, ${threads ?? '?'} thr`, source, cpuModel: doc.manifest.device.cpuModel, threads, memcpyGBps: finiteOrNull(ceilings?.memcpyGBps), matmulGflops: finiteOrNull(ceilings?.matmulGflops) };
  });
  // Same machine and thread count twice: the file name tells the columns apart.
  for (const d of devices) if (devices.filter((e) => e.label === d.label).length > 1) d.label = `${d.label} (${d.source})`;

  const perDoc = typed.map(({ doc }) => doc.results.map((r) => ({ ...r, medianMs: r.state === 'completed' ? r.medianMs : null, baselineVariant: r.baselineVariant ?? null })));
  const key = (r: { variant: string; shapeLabel: string; implementation: string; part: string }) => `${r.variant}|${r.shapeLabel}|${r.implementation}|${r.part}`;
  const rows = new Map<string, ComparedRow>();
  const baselines = new Map<string, string>();
  perDoc.forEach((list, d) => {
    for (const r of list) {
      if (r.baselineVariant !== null) baselines.set(r.variant, r.baselineVariant);
      let row = rows.get(key(r));
      if (!row) {
        row = { variant: r.variant, variantIndex: r.variantIndex, label: r.label, shapeLabel: r.shapeLabel, implementation: r.implementation, part: r.part, medianMs: docs.map(() => null) };
        rows.set(key(r), row);
      }
      row.medianMs[d] = r.medianMs;
    }
  });
  const sorted = [...rows.values()].sort(
    (a, b) => a.variantIndex - b.variantIndex || a.variant.localeCompare(b.variant) || a.shapeLabel.localeCompare(b.shapeLabel, undefined, { numeric: true }) || a.implementation.localeCompare(b.implementation) || a.part.localeCompare(b.part),
  );
  const ratios: ComparedRatio[] = [];
  for (const row of sorted) {
    const baseline = baselines.get(row.variant);
    if (baseline === undefined) continue;
    const base = rows.get(key({ ...row, variant: baseline }));
    if (!base) continue;
    ratios.push({
      variant: row.variant,
      baseline,
      shapeLabel: row.shapeLabel,
      implementation: row.implementation,
      part: row.part,
      ratio: row.medianMs.map((m, i) => (m !== null && base.medianMs[i] !== null ? m / base.medianMs[i]! : null)),
    });
  }
  return { devices, rows: sorted, ratios };
}
