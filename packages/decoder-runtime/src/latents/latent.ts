import type { FloatTensor } from '@evalkit/media-io';

export type { FloatTensor } from '@evalkit/media-io';
export { shapeSize } from '@evalkit/media-io';

/** A latent tensor, always float32 in memory whatever the file held; usually [1, C, T, h, w]. */
export type Latent = FloatTensor;

/** A decoded or input video as [1, 3, frames, height, width] with values nominally in [-1, 1]. */
export type VideoTensor = FloatTensor;

/** Renders a shape as "1x16x5x8x8". */
export function formatShape(shape: readonly (number | string)[]): string {
  return shape.length === 0 ? '(scalar)' : shape.join('x');
}
