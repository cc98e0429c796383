import { kernelOutput } from './kernel-output';

/**
 * Per-frame DepthToSpace, mode CRD, on an NCTHW tensor [N, C*b*b, T, H, W] -> [N, C, T, H*b, W*b]:
 * out[n, c, f, h*b+ph, w*b+pw] = in[n, c*b*b + ph*b + pw, f, h, w]. Frames are independent, so this
 * is the 2-D pixel shuffle (PyTorch F.pixel_shuffle) applied to every frame without moving frames.
 */
export function depthToSpaceCrd5d(x: Float32Array, dims: readonly number[], block: number, out?: Float32Array): Float32Array {
  const [n, cin, t, h, w] = dims;
  const bb = block * block;
  if (cin % bb !== 0) throw new RangeError(`depthToSpaceCrd5d: channels ${cin} are not a multiple of block^2 = ${bb}`);
  const c = cin / bb;
  const ow = w * block;
  const oplane = h * block * ow;
  const y = kernelOutput('depthToSpaceCrd5d', x, dims, x.length, out);
  const hw = h * w;
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++)
      for (let f = 0; f < t; f++) {
        const dst = ((b * c + ch) * t + f) * oplane;
        for (let ph = 0; ph < block; ph++)
          for (let pw = 0; pw < block; pw++) {
            const src = ((b * cin + ch * bb + ph * block + pw) * t + f) * hw;
            for (let yy = 0; yy < h; yy++) {
              let k = dst + (yy * block + ph) * ow + pw;
              const row = src + yy * w;
              for (let xx = 0; xx < w; xx++, k += block) y[k] = x[row + xx];
            }
          }
      }
  return y;
}

/** DepthToSpace, mode CRD, on an NCHW tensor: ONNX DepthToSpace(mode="CRD") = F.pixel_shuffle. */
export function depthToSpaceCrd(x: Float32Array, dims: readonly number[], block: number, out?: Float32Array): Float32Array {
  const [n, c, h, w] = dims;
  // NCHW is NCTHW with T = 1 once the batch is folded into the leading axis.
  return depthToSpaceCrd5d(x, [n, c, 1, h, w], block, out);
}
