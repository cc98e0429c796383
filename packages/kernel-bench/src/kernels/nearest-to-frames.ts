import { ncthwUpsampleOutput } from './kernel-output';

/**
 * CogVideoX-style per-frame upsampling input: takes NCTHW, repeats every frame st times and every pixel
 * sh x sw times, and lays the result out frame-major as [N*T*st, C, H*sh, W*sw] so a Conv2d can run
 * on each frame. Equals Transpose(0,2,1,3,4) -> Resize nearest (1,st,1,sh,sw) -> Reshape in ONNX.
 */
export function nearestToFrames(x: Float32Array, dims: readonly number[], factors: readonly [number, number, number], out?: Float32Array): Float32Array {
  const { y, n, c, t, h, w, st, sh, sw, oh, ow } = ncthwUpsampleOutput('nearestToFrames', x, dims, factors, out);
  const plane = oh * ow;
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++)
      for (let f = 0; f < t; f++) {
        const src = ((b * c + ch) * t + f) * h * w;
        // Output frame index b*T*st + f*st; the first copy is built pixel by pixel, the rest are copies of it.
        const first = ((b * t * st + f * st) * c + ch) * plane;
        for (let yy = 0; yy < h; yy++) {
          let k = first + yy * sh * ow;
          for (let xx = 0; xx < w; xx++) {
            const v = x[src + yy * w + xx];
            for (let r = 0; r < sw; r++) y[k++] = v;
          }
          const row = y.subarray(first + yy * sh * ow, first + yy * sh * ow + ow);
          for (let r = 1; r < sh; r++) y.set(row, first + (yy * sh + r) * ow);
        }
        const planeView = y.subarray(first, first + plane);
        for (let r = 1; r < st; r++) y.set(planeView, ((b * t * st + f * st + r) * c + ch) * plane);
      }
  return y;
}
