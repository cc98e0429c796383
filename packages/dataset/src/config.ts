import { createHash } from 'node:crypto';
import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import { METRIC_NAMES, METRICS_PRESETS, type MetricName } from '@evalkit/recon-metrics';
import type { DatasetPair } from './pair';
import { sortById, type Shard } from './shard';

/** How every pair of a dataset is scored: what a user chooses (flags), before the dataset is known. */
export interface EvaluationSettings {
  metrics: readonly MetricName[];
  ssimVariant?: 'wang' | 'skimage';
  /** Data range of the samples; absent: 255 for 8-bit inputs, float inputs are refused. */
  dataRange?: number;
  luma?: boolean;
  /** Compare only the first frames of each video. */
  maxFrames?: number;
  /** A paper's protocol (METRICS_PRESETS): fixes frames, resize, data range and SSIM variant. */
  preset?: string;
  /** Keep NaN/Infinity samples of float .npy inputs instead of failing the pair. */
  allowNonfinite?: boolean;
}

/**
 * The config of a dataset document: the settings resolved (every field present, so equal configs
 * serialise equally), the dataset's identity and the shard. Worker counts and paths stay out of it:
 * a local run, its shards merged and a queue run of the same dataset have equal configs.
 */
export interface DatasetConfig {
  [key: string]: unknown;
  metrics: MetricName[];
  ssimVariant: 'wang' | 'skimage';
  dataRange: number | null;
  luma: boolean;
  maxFrames: number | null;
  preset: string | null;
  allowNonfinite: boolean;
  /** Whether pairs carry a baseline output (retention is reported). */
  baseline: boolean;
  /** Pairs in the whole dataset (all shards). */
  pairs: number;
  /** SHA-256 of the sorted pair ids, one per line: documents of different datasets never merge. */
  pairsDigest: string;
  /** The share this document covers; null for the whole dataset. */
  shard: Shard | null;
}

/** SHA-256 (hex) of the sorted ids joined by newlines. */
export function pairsDigest(pairs: readonly { id: string }[]): string {
  return createHash('sha256')
    .update(sortById(pairs).map((p) => p.id).join('\n'))
    .digest('hex');
}

/** Resolves settings for a dataset (all of its pairs, before sharding) into a document config. */
export function createDatasetConfig(settings: EvaluationSettings, pairs: readonly DatasetPair[], shard: Shard | null = null): DatasetConfig {
  if (settings.metrics.length === 0) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'no metrics given', { field: 'metrics', value: [] });
  for (const m of settings.metrics) {
    if (!(METRIC_NAMES as readonly string[]).includes(m)) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `unknown metric (choose from ${METRIC_NAMES.join(', ')})`, { field: 'metrics', value: m });
  }
  const preset = settings.preset === undefined ? undefined : METRICS_PRESETS[settings.preset];
  if (settings.preset !== undefined && !preset) {
    throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `unknown preset (known: ${Object.keys(METRICS_PRESETS).join(', ')})`, { field: 'preset', value: settings.preset });
  }
  if (preset && settings.dataRange !== undefined) {
    throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `preset ${preset.name} fixes the data range to ${preset.dataRange}`, { field: 'dataRange', value: settings.dataRange });
  }
  const ids = new Set<string>();
  for (const p of pairs) {
    if (ids.has(p.id)) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'two pairs share an id', { field: 'id', value: p.id });
    ids.add(p.id);
  }
  const baselines = pairs.filter((p) => p.baseline !== undefined).length;
  if (baselines !== 0 && baselines !== pairs.length) {
    const missing = pairs.find((p) => p.baseline === undefined)!;
    throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'some pairs have a baseline and others not: give one for every pair or none', { field: 'baseline', value: missing.id });
  }
  return {
    metrics: METRIC_NAMES.filter((m) => settings.metrics.includes(m)),
    ssimVariant: preset ? preset.ssimVariant : (settings.ssimVariant ?? 'wang'),
    dataRange: preset ? preset.dataRange : (settings.dataRange ?? null),
    luma: settings.luma === true,
    maxFrames: preset ? preset.frames : (settings.maxFrames ?? null),
    preset: preset ? preset.name : null,
    allowNonfinite: settings.allowNonfinite === true,
    baseline: pairs.length > 0 && baselines === pairs.length,
    pairs: pairs.length,
    pairsDigest: pairsDigest(pairs),
    shard,
  };
}

/** A config rebuilt with its fields in the declared order (one read from JSON may list them otherwise). */
export function canonicalConfig(config: DatasetConfig): DatasetConfig {
  const shard = config.shard === null || config.shard === undefined ? null : { index: config.shard.index, count: config.shard.count };
  return {
    metrics: [...config.metrics],
    ssimVariant: config.ssimVariant,
    dataRange: config.dataRange ?? null,
    luma: config.luma,
    maxFrames: config.maxFrames ?? null,
    preset: config.preset ?? null,
    allowNonfinite: config.allowNonfinite,
    baseline: config.baseline,
    pairs: config.pairs,
    pairsDigest: config.pairsDigest,
    shard,
  };
}
