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
