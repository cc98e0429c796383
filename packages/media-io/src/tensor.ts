/** Sample storage of an array read from a file: 8-bit integers or floating point. */
export type ArrayData = Uint8Array | Float32Array | Float64Array;

/** The element types evalkit reads from array files (float16 and bfloat16 arrive widened to float32). */
export type ArrayDtype = 'uint8' | 'float32' | 'float64';

/** An n-dimensional array in C (row-major) order, as read from .npy, .npz or safetensors. */
export interface NdArray {
  dtype: ArrayDtype;
  /** Dimensions, outermost first. */
  shape: number[];
  data: ArrayData;
}

/** A float32 tensor in C (row-major) order: latents going in, video coming out. */
export interface FloatTensor {
  /** Values in C order. */
  data: Float32Array;
  /** Dimensions, outermost first, e.g. [batch, channels, frames, height, width]. */
  shape: number[];
}

/** Number of elements of a shape (1 for a scalar). */
export function shapeSize(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** The array as float32 (a copy unless it already is float32): what decoders take. */
export function toFloat32(array: NdArray): Float32Array {
  return array.data instanceof Float32Array ? array.data : Float32Array.from(array.data);
}
