/**
 * The output buffer of a kernel on `x` (laid out as `dims`) that writes `total` elements: `out`
 * when given, else a new one. Both sizes are checked first, so a kernel never reads or writes past
 * a buffer that does not match its shape.
 */
export function kernelOutput(kernel: string, x: Float32Array, dims: readonly number[], total: number, out?: Float32Array): Float32Array {
  const need = dims.reduce((a, b) => a * b, 1);
  if (x.length !== need) throw new RangeError(`${kernel}: x has ${x.length} elements, dims ${dims.join('x')} need ${need}`);
  const y = out ?? new Float32Array(total);
  if (y.length !== total) throw new RangeError(`${kernel}: out has ${y.length} elements, expected ${total}`);
  return y;
}

/** The sizes of an NCTHW tensor upsampled by integer factors (st, sh, sw), with the kernel's checked output buffer. */
export interface NcthwUpsample {
  n: number;
  c: number;
  t: number;
  h: number;
  w: number;
  st: number;
  sh: number;
  sw: number;
  /** Output frames, height and width. */
  ot: number;
  oh: number;
  ow: number;
  y: Float32Array;
}

/** Input and output sizes of `kernel` upsampling NCTHW `x` by `factors` (t, h, w), and its output buffer (see kernelOutput). */
export function ncthwUpsampleOutput(kernel: string, x: Float32Array, dims: readonly number[], factors: readonly [number, number, number], out?: Float32Array): NcthwUpsample {
  const [n, c, t, h, w] = dims;
  const [st, sh, sw] = factors;
  const [ot, oh, ow] = [t * st, h * sh, w * sw];
  return { n, c, t, h, w, st, sh, sw, ot, oh, ow, y: kernelOutput(kernel, x, dims, n * c * ot * oh * ow, out) };
}
