/** A latent tensor in C (row-major) order, always float32 in memory whatever the file held. */
export interface Latent {
  /** Values in C order. */
  data: Float32Array;
  /** Dimensions, outermost first, e.g. [batch, channels, frames, height, width]. */
  shape: number[];
}

/** Number of elements of a shape (1 for a scalar). */
export function shapeSize(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Renders a shape as "1x16x5x8x8". */
export function formatShape(shape: readonly (number | string)[]): string {
  return shape.length === 0 ? '(scalar)' : shape.join('x');
}
