/** A graph input or output as the session reports it: name, element type and dims (numbers or symbols). */
export interface TensorSignature {
  /** Tensor name in the graph. */
  name: string;
  /** Element type ("float32", "float16", ...), or "non-tensor". */
  type: string;
  /** Dimensions; a string is a symbolic dimension, a missing shape is []. */
  shape: (number | string)[];
}

/** The names the axes of a 5-D video latent usually have. */
export const LATENT_AXES = ['batch', 'channels', 'frames', 'height', 'width'] as const;

/**
 * Checks a latent shape against a graph input's declared dims; returns a reason for the first
 * mismatch (rank, then each fixed dim), or null when it fits.
 */
export function latentShapeMismatch(shape: readonly number[], input: TensorSignature): string | null {
  if (input.shape.length === 0) return null;
  if (shape.length !== input.shape.length) {
    return `the latent has rank ${shape.length} (${shape.join('x')}) but input "${input.name}" has rank ${input.shape.length} (${input.shape.join('x')})`;
  }
  for (let i = 0; i < shape.length; i++) {
    const want = input.shape[i];
    if (typeof want === 'number' && want > 0 && want !== shape[i]) {
      const axis = shape.length === 5 ? ` (${LATENT_AXES[i]})` : '';
      return `dimension ${i}${axis} of the latent is ${shape[i]} but input "${input.name}" wants ${want} (graph input ${input.shape.join('x')}, latent ${shape.join('x')})`;
    }
  }
  return null;
}
