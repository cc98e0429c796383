import { kernelOutput } from './kernel-output';

/**
 * LTX-Video's 3-D pixel shuffle as one rank-8 transpose: [N, C*st*sh*sw, T, H, W] viewed as
 * [N, C, st, sh, sw, T, H, W], permuted (0,1,5,2,6,3,7,4) and reshaped to [N, C, T*st, H*sh, W*sw].
 * Channel layout of the input: c*st*sh*sw + pt*sh*sw + ph*sw + pw (for 2,2,2: c*8 + t*4 + h*2 + w).
 */
export function pixelShuffle3dJoint(x: Float32Array, dims: readonly number[], factors: readonly [number, number, number], out?: Float32Array): Float32Array {
  const [n, cin, t, h, w] = dims;
  const [st, sh, sw] = factors;
  const r = st * sh * sw;
  if (cin % r !== 0) throw new RangeError(`pixelShuffle3dJoint: channels ${cin} are not a multiple of ${r}`);
  const c = cin / r;
  const ot = t * st;
  const oh = h * sh;
  const ow = w * sw;
  const y = kernelOutput('pixelShuffle3dJoint', x, dims, x.length, out);
  const hw = h * w;
  const frame = t * hw;
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++)
      for (let f = 0; f < t; f++)
        for (let pt = 0; pt < st; pt++)
          for (let yy = 0; yy < h; yy++)
            for (let ph = 0; ph < sh; ph++) {
              let k = (((b * c + ch) * ot + f * st + pt) * oh + yy * sh + ph) * ow;
              // One output row interleaves the sw width phases of one input row.
              const srcBase = (b * cin + ch * r + pt * sh * sw + ph * sw) * frame + f * hw + yy * w;
              for (let xx = 0; xx < w; xx++) for (let pw = 0; pw < sw; pw++) y[k++] = x[srcBase + pw * frame + xx];
            }
  return y;
}
