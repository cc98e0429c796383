import { EvalkitError, ERROR_CODES } from '@evalkit/core';
import type { DiffusersConfig, ModelConfigSpec } from '../models/diffusers-config';

/** diffusers class names per zoo decoder family, to refuse another model's config.json early. */
const CLASS_NAMES: Record<string, string> = {
  'turbo-vaed-hunyuan': 'AutoencoderKLTurboVAED',
  'turbo-vaed-cog': 'AutoencoderKLTurboVAED',
  'turbo-vaed-ltx': 'AutoencoderKLTurboVAED',
  'turbo-vaed-dc': 'AutoencoderKLTurboVAED',
  hunyuanvideo: 'AutoencoderKLHunyuanVideo',
  cogvideox: 'AutoencoderKLCogVideoX',
  'ltx-video-0.9.0': 'AutoencoderKLLTXVideo',
  'wan-2.1': 'AutoencoderKLWan',
};

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Checks a checkpoint's diffusers config against what the zoo builds for `model`: the class name, and
 * every field the zoo knows that is not a width field must equal the published value. Fields the zoo
 * does not know (scaling_factor, latents_mean, encoder settings, ...) do not change the decoder and pass.
 */
export function checkModelConfig(model: string, spec: ModelConfigSpec, config: DiffusersConfig, source: string): void {
  const cls = config._class_name;
  const expectedClass = CLASS_NAMES[model];
  if (cls !== undefined && expectedClass !== undefined && cls !== expectedClass) {
    throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `is a ${String(cls)} config; zoo:${model} builds ${expectedClass}`, { file: source, field: '_class_name', value: cls });
  }
  for (const [field, published] of Object.entries(spec.published)) {
    if (!(field in config) || spec.widthFields.includes(field)) continue;
    const value = config[field];
    if (!same(value, published)) {
      throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `zoo:${model} builds ${JSON.stringify(published)} here, the config says ${JSON.stringify(value)}`, { file: source, field, value });
    }
  }
}
