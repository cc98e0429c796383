/** Largest absolute element difference; Infinity on a length mismatch or when NaN meets a number. */
export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (Number.isNaN(d)) {
      if (!(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return Infinity;
    } else if (d > m) m = d;
  }
  return m;
}

/** Copies the crop [:, :, :t, :h, :w] of an NCTHW tensor. */
export function cropNcthw(x: Float32Array, dims: readonly number[], t: number, h: number, w: number): Float32Array {
  const [n, c, T, H, W] = dims;
  const y = new Float32Array(n * c * t * h * w);
  let k = 0;
  for (let nc = 0; nc < n * c; nc++)
    for (let a = 0; a < t; a++)
      for (let b = 0; b < h; b++) {
        const src = ((nc * T + a) * H + b) * W;
        y.set(x.subarray(src, src + w), k);
        k += w;
      }
  return y;
}
