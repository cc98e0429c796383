import { ERROR_CODES, EvalkitError } from '@evalkit/core';

/** A 5-D activation shape in NCTHW order (batch, channels, frames, height, width). */
export interface Shape5 {
  n: number;
  c: number;
  t: number;
  h: number;
  w: number;
}

/** Number of elements of a 5-D shape. */
export function shapeSize(s: Shape5): number {
  return s.n * s.c * s.t * s.h * s.w;
}

/** The shape as an ONNX/onnxruntime dims array [N, C, T, H, W]. */
export function shapeDims(s: Shape5): number[] {
  return [s.n, s.c, s.t, s.h, s.w];
}

/** Compact label such as "256x5x32x32" (C x T x H x W, batch omitted when 1). */
export function shapeLabel(s: Shape5): string {
  const body = `${s.c}x${s.t}x${s.h}x${s.w}`;
  return s.n === 1 ? body : `${s.n}x${body}`;
}

/**
 * Parses "C,T,H,W" (or "N,C,T,H,W") into a shape; `source` names where the text came from
 * (e.g. "--shape") so the error points at the option the user typed.
 */
export function parseShape(text: string, source = 'shape'): Shape5 {
  const parts = text.split(',').map((p) => p.trim());
  const nums = parts.map(Number);
  if ((parts.length !== 4 && parts.length !== 5) || nums.some((v) => !Number.isInteger(v) || v <= 0)) {
    throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'expected four (C,T,H,W) or five (N,C,T,H,W) positive integers separated by commas', {
      field: source,
      value: text,
    });
  }
  const [n, c, t, h, w] = parts.length === 4 ? [1, ...nums] : nums;
  return { n, c, t, h, w };
}
