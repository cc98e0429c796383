import type { LoadedDocument, ZooRow } from '../model';
import { documentOf } from './document-of';

/** Zoo sizes do not depend on the device: the first document that lists a model wins. */
export function normalizeZoo(docs: readonly LoadedDocument[]): ZooRow[] {
  const rows = new Map<string, ZooRow>();
  for (const loaded of docs) {
    for (const r of documentOf(loaded, 'zoo-sizes').results) {
      if (rows.has(r.model)) continue;
      rows.set(r.model, {
        model: r.model,
        label: r.label,
        family: r.family,
        baseline: r.baseline,
        paramsM: r.params / 1e6,
        paperParamsM: r.paperParamsM,
        macsT: r.macs / 1e12,
        paperMacsT: r.paperMacsT,
        latentChannels: r.latentChannels,
        compression: r.compression.join('×'),
        size: `${r.outputFrames}×${r.height}×${r.width}`,
      });
    }
  }
  return [...rows.values()];
}
