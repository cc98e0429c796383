import { depthToSpaceCrd5d } from './depth-to-space';
import { kernelOutput } from './kernel-output';

/**
 * Temporal half of Turbo-VAED's decoupled pixel shuffle: [N, Q*st, T, H, W] reshaped to
 * [N, Q, st, T, H, W], permuted (0,1,3,2,4,5) and reshaped to [N, Q, T*st, H, W]. Whole H x W planes
 * move as blocks, which is why the decoupled form is cheap: no element-wise interleaving in time.
 */
export function temporalShuffle(x: Float32Array, dims: readonly number[], st: number, out?: Float32Array): Float32Array {
  const [n, cin, t, h, w] = dims;
  if (cin % st !== 0) throw new RangeError(`temporalShuffle: channels ${cin} are not a multiple of ${st}`);
  const q = cin / st;
  const hw = h * w;
  const y = kernelOutput('temporalShuffle', x, dims, x.length, out);
  for (let b = 0; b < n; b++)
    for (let qi = 0; qi < q; qi++)
      for (let pt = 0; pt < st; pt++)
        for (let f = 0; f < t; f++) {
          const src = ((b * cin + qi * st + pt) * t + f) * hw;
          const dst = ((b * q + qi) * t * st + f * st + pt) * hw;
          y.set(x.subarray(src, src + hw), dst);
        }
  return y;
}

/**
 * Turbo-VAED's decoupled 3-D pixel shuffle (drop of the first st-1 frames not included):
 * temporal shuffle, then a per-frame 2-D pixel shuffle (DepthToSpace CRD). Input channel layout:
 * c*st*sh*sw + ph*sw*st + pw*st + pt (for 2,2,2: c*8 + h*4 + w*2 + t). `scratch` holds the
 * intermediate [N, C*sh*sw, T*st, H, W] tensor so a benchmark loop allocates nothing.
 */
export function pixelShuffle3dDecoupled(
  x: Float32Array,
  dims: readonly number[],
  factors: readonly [number, number, number],
  out?: Float32Array,
  scratch?: Float32Array,
): Float32Array {
  const [n, cin, t, h, w] = dims;
  const [st, sh, sw] = factors;
  if (sh !== sw) throw new RangeError(`pixelShuffle3dDecoupled: DepthToSpace needs equal spatial factors, got ${sh}x${sw}`);
  const mid = temporalShuffle(x, dims, st, scratch);
  return depthToSpaceCrd5d(mid, [n, cin / st, t * st, h, w], sh, out);
}
