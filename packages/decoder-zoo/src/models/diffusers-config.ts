import { EvalkitError, ERROR_CODES } from '@evalkit/core';
import { scaleChannels } from '../blocks/width';

/** A diffusers config.json as read (field names as diffusers writes them). */
export type DiffusersConfig = Readonly<Record<string, unknown>>;

/**
 * What a zoo decoder builds from a diffusers config: the published values, and which fields may differ
 * (channel widths, latent channels, norm groups: the zoo builds whatever they say; everything else
 * shapes the architecture and must equal the published value).
 */
export interface ModelConfigSpec {
  /** The published checkpoint's config (the fields the zoo reads or checks). */
  published: DiffusersConfig;
  /** Fields the zoo builds at any value. */
  widthFields: readonly string[];
  /** Fields whose channel lists a width multiplier scales. */
  scaledFields: readonly string[];
}

/**
 * The spec of a diffusers decoder from its published config, whose channel list is `channelsField`:
 * latent channels, that list and (where the config has them) norm groups are built at any value,
 * and the list is what a width multiplier scales.
 */
export function diffusersSpec(published: DiffusersConfig, channelsField: string): ModelConfigSpec {
  const widthFields = ['latent_channels', channelsField, ...('norm_num_groups' in published ? ['norm_num_groups'] : [])];
  return { published, widthFields, scaledFields: [channelsField] };
}

/** The config to build: the published one, widths scaled by `widthMult`, then `overrides` (a checkpoint's config) on top. */
export function resolveConfig(spec: ModelConfigSpec, widthMult: number, overrides: DiffusersConfig = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { ...spec.published };
  if (widthMult !== 1) {
    for (const field of spec.scaledFields) {
      const v = out[field];
      out[field] = Array.isArray(v) ? v.map((c: number) => scaleChannels(c, widthMult)) : scaleChannels(v as number, widthMult);
    }
  }
  for (const [k, v] of Object.entries(overrides)) if (k in spec.published) out[k] = v;
  return out;
}

/** A list of numbers from a resolved config (checked, so a malformed config.json fails with its field). */
export function numberList(config: DiffusersConfig, field: string): number[] {
  const v = config[field];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'number' || !Number.isInteger(x) || x <= 0)) {
    throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'must be a list of positive integers', { field, value: v });
  }
  return v as number[];
}

/** A list of booleans from a resolved config. */
export function boolList(config: DiffusersConfig, field: string): boolean[] {
  const v = config[field];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'boolean')) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'must be a list of true/false', { field, value: v });
  return v as boolean[];
}

/** A positive integer from a resolved config. */
export function positiveInt(config: DiffusersConfig, field: string): number {
  const v = config[field];
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'must be a positive integer', { field, value: v });
  return v;
}
