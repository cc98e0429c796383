import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import { planSymbolicSizes, serializeWithSymbolicSizes, type SymbolicSizesPlan } from '@evalkit/onnx-graph';
import type { ZooBuild } from '../registry';

/** A latent size in output pixels, as the zoo builds take it. */
export interface ZooBuildSize {
  latentFrames: number;
  height: number;
  width: number;
}

/** A zoo decoder serialised with symbolic latent frames, height and width. */
export interface SymbolicSizeExport {
  /** The .onnx file's bytes. */
  bytes: Uint8Array;
  /** The fewest latent frames the graph decodes (Wan 2.1 decodes a lone first frame with another graph). */
  minLatentFrames: number;
}

/** Names of the symbolic dims of the input latent [1, C, T, h, w]. */
export const SYMBOLIC_INPUT_DIMS = { 2: 'latent_frames', 3: 'latent_height', 4: 'latent_width' } as const;
/** Names of the symbolic dims of the output video [1, 3, F, H, W]. */
export const SYMBOLIC_OUTPUT_DIMS = { 2: 'frames', 3: 'height', 4: 'width' } as const;

/**
 * Serialises `base` (a zoo build with its weights) so that the latent's frames, height and width are
 * symbolic: the sizes the builder baked into Reshape targets, Slice ends and Range limits are computed
 * from the input's shape at run time. `shapesAt` builds the same decoder at another size (shapes only
 * is enough); three such builds tell how each baked size depends on the latent size. A decoder whose
 * graph changes with the size (CogVideoX decodes an odd first frame apart) is refused.
 */
export function exportWithSymbolicSizes(base: ZooBuild, shapesAt: (size: ZooBuildSize) => ZooBuild, options: { float16Weights?: boolean } = {}): SymbolicSizeExport {
  const [, , t, h, w] = base.inputShape;
  const [, sh, sw] = base.info.compression;
  const at = (frames: number, lh: number, lw: number) => shapesAt({ latentFrames: frames, height: lh * sh, width: lw * sw }).graph;
  // Sizes that differ from the base and from each other in every dim, so a fit cannot be a coincidence.
  const templates = [at(t + 1, h + 1, w + 2), at(t + 2, h + 3, w + 1), at(t + 3, h + 2, w + 3)];
  const dims = { inputDims: SYMBOLIC_INPUT_DIMS };
  let plan: SymbolicSizesPlan;
  try {
    plan = planSymbolicSizes(base.graph, templates, dims);
  } catch (error) {
    throw new EvalkitError(ERROR_CODES.UNSUPPORTED, `${base.info.label}: ${(error as Error).message}; export it at fixed sizes (without --dynamic-shape)`, { field: '--dynamic-shape', value: base.info.name }, { cause: error });
  }
  // Does the same graph hold for a single latent frame? Where the structure differs there, it needs T >= 2.
  let minLatentFrames = 1;
  if (t > 1) {
    try {
      planSymbolicSizes(base.graph, [...templates, at(1, h, w)], dims);
    } catch {
      minLatentFrames = 2;
    }
  }
  const bytes = serializeWithSymbolicSizes(base.graph, plan, {
    ...dims,
    outputDims: SYMBOLIC_OUTPUT_DIMS,
    serialize: { float16Weights: options.float16Weights === true },
    metadata: { 'evalkit.min_latent_frames': String(minLatentFrames) },
  });
  return { bytes, minLatentFrames };
}
