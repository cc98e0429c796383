import { ERROR_CODES, EvalkitError } from '@evalkit/core';

/**
 * How a decoder maps latent positions to pixels: compression (t, h, w) and the frame rule.
 * "causal": T latent frames → ct·T − (ct − 1) frames (the first latent frame is one frame: HunyuanVideo,
 * CogVideoX, LTX, Turbo-VAED-Hunyuan/LTX, the embedded codec). "plain": T → ct·T (Turbo-VAED-DC).
 */
export interface DecoderGeometry {
  /** Compression [t, h, w]. */
  compression: [number, number, number];
  /** Frame rule, see above. */
  frameRule: 'causal' | 'plain';
}

/** The geometry of HunyuanVideo/CogVideoX latents and of the embedded codec: 4×8×8, 4T−3. */
export const DEFAULT_GEOMETRY: DecoderGeometry = { compression: [4, 8, 8], frameRule: 'causal' };

/** Output frames of `latentFrames` under a geometry. */
export function geometryOutputFrames(g: DecoderGeometry, latentFrames: number): number {
  const ct = g.compression[0];
  return g.frameRule === 'causal' ? ct * latentFrames - (ct - 1) : ct * latentFrames;
}

/** Parses "4T-3" / "8T-7" / "4T" style rules (as the CLI and zoo write them) into a geometry. */
export function parseFrameRule(rule: string, compression: [number, number, number]): DecoderGeometry {
  const m = /^\s*(\d+)\s*T\s*(?:-\s*(\d+))?/i.exec(rule);
  const ct = compression[0];
  if (!m || Number(m[1]) !== ct || (m[2] !== undefined && Number(m[2]) !== ct - 1)) {
    throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `frame rule must be "${ct}T-${ct - 1}" (causal) or "${ct}T" (plain) for temporal compression ${ct}`, { field: 'frameRule', value: rule });
  }
  return { compression, frameRule: m[2] === undefined ? 'plain' : 'causal' };
}
