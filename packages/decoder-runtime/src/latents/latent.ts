/** A float32 tensor in C (row-major) order: latents going in, video coming out. */
export interface FloatTensor {
  /** Values in C order. */
  data: Float32Array;
  /** Dimensions, outermost first, e.g. [batch, channels, frames, height, width]. */
  shape: number[];
}

/** A latent tensor, always float32 in memory whatever the file held; usually [1, C, T, h, w]. */
export type Latent = FloatTensor;

/** A decoded or input video as [1, 3, frames, height, width] with values nominally in [-1, 1]. */
export type VideoTensor = FloatTensor;

/** Number of elements of a shape (1 for a scalar). */
export function shapeSize(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Renders a shape as "1x16x5x8x8". */
export function formatShape(shape: readonly (number | string)[]): string {
  return shape.length === 0 ? '(scalar)' : shape.join('x');
}
