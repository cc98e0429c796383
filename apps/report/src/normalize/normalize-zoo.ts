import type { LoadedDocument, ZooRow } from '../model';
import { numberField, optionalNumberField, optionalStringField, stringField, type FieldContext } from './fields';

/** Zoo sizes do not depend on the device: the first document that lists a model wins. */
export function normalizeZoo(docs: readonly LoadedDocument[]): ZooRow[] {
  const rows = new Map<string, ZooRow>();
  for (const { file, kind, document } of docs) {
    document.results.forEach((r, i) => {
      const ctx: FieldContext = { file, kind, path: `results[${i}]` };
      const model = stringField(r, 'model', ctx);
      if (rows.has(model)) return;
      const compression = Array.isArray(r.compression) ? r.compression.join('×') : '';
      const height = optionalNumberField(r, 'height', ctx);
      const width = optionalNumberField(r, 'width', ctx);
      const frames = optionalNumberField(r, 'outputFrames', ctx);
      rows.set(model, {
        model,
        label: optionalStringField(r, 'label', ctx) ?? model,
        family: optionalStringField(r, 'family', ctx) ?? '',
        baseline: optionalStringField(r, 'baseline', ctx),
        paramsM: numberField(r, 'params', ctx) / 1e6,
        paperParamsM: optionalNumberField(r, 'paperParamsM', ctx),
        macsT: numberField(r, 'macs', ctx) / 1e12,
        paperMacsT: optionalNumberField(r, 'paperMacsT', ctx),
        latentChannels: optionalNumberField(r, 'latentChannels', ctx),
        compression,
        size: height !== null && width !== null ? `${frames ?? '?'}×${height}×${width}` : '',
      });
    });
  }
  return [...rows.values()];
}
