import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { EvalkitError, ERROR_CODES } from '@evalkit/core';
import type { DiffusersConfig } from '../models/diffusers-config';
import { readSafetensorsIndex, type SafetensorsTensorRef as TensorRef } from '@evalkit/media-io';

/** A checkpoint on disk: every tensor it holds (over all shards) and the config beside it. */
export interface CheckpointFiles {
  /** The path given (a .safetensors file or a *.safetensors.index.json). */
  path: string;
  /** The safetensors files read. */
  files: string[];
  /** Tensors by key. */
  tensors: Map<string, TensorRef>;
  /** The diffusers config (config.json beside the weights, or the one given), if any. */
  config: DiffusersConfig | null;
  /** Where the config came from. */
  configPath: string | null;
}

function readJson(file: string, what: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new EvalkitError(ERROR_CODES.FILE_NOT_FOUND, `${what} not found`, { file });
  }
  try {
    const v = JSON.parse(text) as unknown;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('expected a JSON object');
    return v as Record<string, unknown>;
  } catch (error) {
    throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `${what} is not valid JSON: ${(error as Error).message}`, { file });
  }
}

/**
 * Opens a checkpoint: a single .safetensors file or a sharded set through its
 * *.safetensors.index.json ({"weight_map": {key: shard}}); reads headers only. The config is
 * `configPath` when given, else config.json beside the weights when present.
 */
export function openCheckpoint(path: string, configPath?: string): CheckpointFiles {
  const full = resolve(path);
  let tensors = new Map<string, TensorRef>();
  const files: string[] = [];
  if (full.endsWith('.json')) {
    const index = readJson(full, 'safetensors index');
    const map = index.weight_map as Record<string, unknown> | undefined;
    if (map === undefined || map === null || typeof map !== 'object') throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'a sharded checkpoint index needs a "weight_map" object', { file: full, field: 'weight_map' });
    const shards = [...new Set(Object.values(map))];
    for (const shard of shards) {
      if (typeof shard !== 'string') throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'weight_map values must be shard file names', { file: full, field: 'weight_map', value: shard });
      const file = join(dirname(full), shard);
      files.push(file);
      for (const [k, v] of readSafetensorsIndex(file).tensors) tensors.set(k, v);
    }
    for (const [key, shard] of Object.entries(map)) {
      const ref = tensors.get(key);
      if (!ref || ref.file !== join(dirname(full), shard as string)) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `the index puts "${key}" in ${String(shard)}, which does not hold it`, { file: full, field: `weight_map.${key}`, value: shard });
    }
  } else {
    files.push(full);
    tensors = readSafetensorsIndex(full).tensors;
  }
  const cfgPath = configPath !== undefined ? resolve(configPath) : join(dirname(full), 'config.json');
  const config = configPath !== undefined || existsSync(cfgPath) ? readJson(cfgPath, 'config') : null;
  return { path: full, files, tensors, config, configPath: config ? cfgPath : null };
}
