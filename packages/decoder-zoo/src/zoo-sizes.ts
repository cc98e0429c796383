import { createResultDocument, readPaperValues, type ResultDocument, type RunManifest, type TurboVaedPaper } from '@evalkit/core';
import { buildZooModel, listZooModels, zooModelInfo } from './registry';

/** Latent frames giving at least `frames` output frames for a zoo decoder (17 -> 5 for 4T-3 and 4T, 3 for 8T-7). */
export function latentFramesFor(model: string, frames: number): number {
  const info = zooModelInfo(model);
  let t = 1;
  while (info.outputFrames(t) < frames) t++;
  return t;
}

/** One row of the zoo-sizes result document (docs/result-documents.md). */
export interface ZooSizeRow extends Record<string, unknown> {
  model: string;
  label: string;
  family: 'turbo' | 'baseline';
  baseline: string | null;
  params: number;
  paperParamsM: number | null;
  macs: number;
  paperMacsT: number | null;
  latentChannels: number;
  compression: [number, number, number];
  latentFrames: number;
  outputFrames: number;
  height: number;
  width: number;
  /** MACs of attention score/value matmuls, included in macs (the paper's MAC figures leave them out). */
  attentionMacs: number;
}

/** The output size the zoo is counted at; latentFrames defaults per model to the count giving 17 frames. */
export interface ZooSize {
  height: number;
  width: number;
  latentFrames?: number;
}

/**
 * Sizes of every zoo decoder at a size, counted from shape-only graphs (no weights are generated),
 * beside the paper's parameter and MAC figures. Paper values are joined here, when the document is
 * written, so a zoo-sizes document carries the reference it was compared with.
 */
export function zooSizeRows(size: ZooSize, paper: TurboVaedPaper | null = readPaperValues().turboVaed): ZooSizeRow[] {
  return listZooModels().map((name) => {
    const latentFrames = size.latentFrames ?? latentFramesFor(name, 17);
    const b = buildZooModel(name, { height: size.height, width: size.width, latentFrames, materializeWeights: false });
    // the paper's MAC figures are at 512x512 and the latent frames that give 17 frames (20 for Turbo-DC)
    const paperSize = size.height === 512 && size.width === 512 && latentFrames === latentFramesFor(name, 17);
    return {
      model: name,
      label: b.info.label,
      family: b.info.family,
      baseline: b.info.baseline,
      params: b.params,
      paperParamsM: paper?.models[name]?.paramsM ?? null,
      macs: b.macs,
      paperMacsT: paperSize ? (paper?.macsAt512x512x17TMAC[name] ?? null) : null,
      latentChannels: b.info.latentChannels,
      compression: b.info.compression,
      latentFrames,
      outputFrames: b.outputShape[2],
      height: size.height,
      width: size.width,
      attentionMacs: b.attentionMacs,
    };
  });
}

/** The zoo-sizes result document: `manifest` builds the run manifest from the document's config. */
export function zooSizesDocument(size: ZooSize, manifest: (config: Record<string, unknown>) => RunManifest): ResultDocument<ZooSizeRow> {
  const config = { height: size.height, width: size.width, latentFrames: size.latentFrames ?? null };
  return createResultDocument('zoo-sizes', manifest(config), zooSizeRows(size), { config });
}
