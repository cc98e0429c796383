import { nearestToFrames } from './kernels/nearest-to-frames';
import { nearestUpsample5d } from './kernels/nearest-upsample';
import { trilinearResize } from './kernels/trilinear-resize';
import { pixelShuffle3dJoint } from './kernels/pixel-shuffle-joint';
import { pixelShuffle3dDecoupled } from './kernels/pixel-shuffle-decoupled';
import { depthToSpaceCrd5d } from './kernels/depth-to-space';
import type { OpSink } from './op-sink';
import type { Shape5 } from './shape';

/** What a stage does: the convolution that feeds or follows the rearrangement, the rearrangement, or putting the layout back. */
export type StageRole = 'conv' | 'rearrange' | 'restore';

/** One step of a variant, replayable into any OpSink. */
export interface VariantStage {
  role: StageRole;
  apply<T>(ops: OpSink<T>, x: T): T;
}

/** A plain TypeScript implementation of a variant's rearrangement stage. */
export interface TsRearrangement {
  /** Kernel name, for tables. */
  name: string;
  /** Largest difference allowed against onnxruntime: 0 for pure data movement, a few float32 ulps for arithmetic (trilinear). */
  tolerance: number;
  /** Elements of scratch memory it needs for an input of `dims` (0 for none). */
  scratch(dims: readonly number[]): number;
  run(x: Float32Array, dims: readonly number[], out: Float32Array, scratch?: Float32Array): Float32Array;
}

/** An upsampling (or conv-only) variant: the stages of its full path and, when it has one, a TS rearrangement. */
export interface VariantDefinition {
  /** Stable id: "1".."6", "7a", "7b", "8a", "8b". */
  id: string;
  /** Numeric order for tables (7a and 7b share 7). */
  index: number;
  label: string;
  /** The variant this one is measured against in its own pair ("1" for 2..6, "7a" for 7b, "8a" for 8b). */
  baseline: string | null;
  /** Whether the variant is an interpolate+conv path or a pixel-shuffle path (for the cross-device ratio). */
  family: 'interpolate' | 'shuffle' | 'transposed' | 'conv';
  stages(shape: Shape5): VariantStage[];
  ts?: TsRearrangement;
}

const stage = (role: StageRole, apply: VariantStage['apply']): VariantStage => ({ role, apply });
const k3 = [3, 3, 3];

/**
 * An interpolate-then-convolve variant: Resize by `scales` (over N, C, T, H, W; nearest, or
 * trilinear over T, H, W), then Conv3d 3x3x3 C->C. Its TypeScript rearrangement is the matching
 * Resize kernel: exact data movement for nearest, a few float32 ulps of arithmetic for trilinear.
 */
function resizeThenConv(v: Pick<VariantDefinition, 'id' | 'index' | 'label' | 'baseline'>, scales: readonly [number, number, number, number, number], mode: 'nearest' | 'linear'): VariantDefinition {
  const [, , st, sh, sw] = scales;
  const ts: TsRearrangement =
    mode === 'nearest'
      ? { name: 'nearestUpsample5d', tolerance: 0, scratch: () => 0, run: (x, d, out) => nearestUpsample5d(x, d, scales, out) }
      : { name: 'trilinearResize', tolerance: 1e-6, scratch: () => 0, run: (x, d, out) => trilinearResize(x, d, [st, sh, sw], out) };
  return {
    ...v,
    family: 'interpolate',
    stages: (s) => [stage('rearrange', (o, x) => o.resize(x, [...scales], mode)), stage('conv', (o, x) => o.conv(x, { name: 'conv', cout: s.c, kernel: k3 }))],
    ts,
  };
}

/**
 * A convolve-then-shuffle variant: Conv3d 3x3x3 C -> channelFactor x C, then `shuffle`, the pixel
 * shuffle that moves those channels into time and space; `ts` is its TypeScript kernel.
 */
function convThenShuffle(
  v: Pick<VariantDefinition, 'id' | 'index' | 'label' | 'baseline'>,
  channelFactor: number,
  shuffle: <T>(o: OpSink<T>, x: T, s: Shape5) => T,
  ts: TsRearrangement,
): VariantDefinition {
  return {
    ...v,
    family: 'shuffle',
    stages: (s) => [stage('conv', (o, x) => o.conv(x, { name: 'conv', cout: channelFactor * s.c, kernel: k3 })), stage('rearrange', (o, x) => shuffle(o, x, s))],
    ts,
  };
}

/** Every variant the benchmark knows, in table order. */
export const VARIANTS: readonly VariantDefinition[] = [
  resizeThenConv({ id: '1', index: 1, label: 'nearest 3-D x(2,2,2) + Conv3d 3x3x3 C->C (HunyuanVideo)', baseline: null }, [1, 1, 2, 2, 2], 'nearest'),
  {
    id: '2',
    index: 2,
    label: 'nearest x2 per frame + per-frame Conv2d 3x3 (CogVideoX)',
    baseline: '1',
    family: 'interpolate',
    stages: (s) => [
      stage('rearrange', (o, x) => {
        const y = o.resize(o.transpose(x, [0, 2, 1, 3, 4]), [1, 2, 1, 2, 2], 'nearest');
        return o.reshape(y, [s.n * s.t * 2, s.c, s.h * 2, s.w * 2]);
      }),
      stage('conv', (o, x) => o.conv(x, { name: 'conv', cout: s.c, kernel: [3, 3] })),
      stage('restore', (o, x) => o.transpose(o.reshape(x, [s.n, s.t * 2, s.c, s.h * 2, s.w * 2]), [0, 2, 1, 3, 4])),
    ],
    ts: { name: 'nearestToFrames', tolerance: 0, scratch: () => 0, run: (x, d, out) => nearestToFrames(x, d, [2, 2, 2], out) },
  },
  resizeThenConv({ id: '3', index: 3, label: 'trilinear x(2,2,2) + Conv3d 3x3x3 C->C', baseline: '1' }, [1, 1, 2, 2, 2], 'linear'),
  {
    id: '4',
    index: 4,
    label: 'ConvTranspose3d k4 s2 p1 C->C',
    baseline: '1',
    family: 'transposed',
    stages: (s) => [stage('conv', (o, x) => o.convTranspose(x, { name: 'convT', cout: s.c, kernel: [4, 4, 4], stride: [2, 2, 2], pads: [1, 1, 1] }))],
  },
  convThenShuffle(
    { id: '5', index: 5, label: 'Conv3d C->8C + joint rank-8 3-D pixel shuffle (LTX)', baseline: '1' },
    8,
    (o, x, s) => o.reshape(o.transpose(o.reshape(x, [s.n, s.c, 2, 2, 2, s.t, s.h, s.w]), [0, 1, 5, 2, 6, 3, 7, 4]), [s.n, s.c, 2 * s.t, 2 * s.h, 2 * s.w]),
    { name: 'pixelShuffle3dJoint', tolerance: 0, scratch: () => 0, run: (x, d, out) => pixelShuffle3dJoint(x, d, [2, 2, 2], out) },
  ),
  convThenShuffle(
    { id: '6', index: 6, label: 'Conv3d C->8C + decoupled 3-D pixel shuffle (Turbo-VAED)', baseline: '1' },
    8,
    (o, x, s) => {
      // temporal: [N, 4C, 2, T, H, W] -> (0,1,3,2,4,5) -> [N, 4C, 2T, H, W]
      let y = o.transpose(o.reshape(x, [s.n, 4 * s.c, 2, s.t, s.h, s.w]), [0, 1, 3, 2, 4, 5]);
      y = o.reshape(y, [s.n, 4 * s.c, 2 * s.t, s.h, s.w]);
      // spatial: frames to the batch axis, DepthToSpace CRD per frame, frames back
      y = o.reshape(o.transpose(y, [0, 2, 1, 3, 4]), [s.n * 2 * s.t, 4 * s.c, s.h, s.w]);
      y = o.depthToSpace(y, 2);
      return o.transpose(o.reshape(y, [s.n, 2 * s.t, s.c, 2 * s.h, 2 * s.w]), [0, 2, 1, 3, 4]);
    },
    { name: 'pixelShuffle3dDecoupled', tolerance: 0, scratch: (d) => d.reduce((a, b) => a * b, 1), run: (x, d, out, scratch) => pixelShuffle3dDecoupled(x, d, [2, 2, 2], out, scratch) },
  ),
  resizeThenConv({ id: '7a', index: 7, label: 'spatial (1,2,2): nearest + Conv3d 3x3x3 C->C', baseline: null }, [1, 1, 1, 2, 2], 'nearest'),
  convThenShuffle(
    { id: '7b', index: 7, label: 'spatial (1,2,2): Conv3d C->4C + per-frame DepthToSpace', baseline: '7a' },
    4,
    (o, x, s) => {
      const y = o.depthToSpace(o.reshape(o.transpose(x, [0, 2, 1, 3, 4]), [s.n * s.t, 4 * s.c, s.h, s.w]), 2);
      return o.transpose(o.reshape(y, [s.n, s.t, s.c, 2 * s.h, 2 * s.w]), [0, 2, 1, 3, 4]);
    },
    { name: 'depthToSpaceCrd5d', tolerance: 0, scratch: () => 0, run: (x, d, out) => depthToSpaceCrd5d(x, d, 2, out) },
  ),
  {
    id: '8a',
    index: 8,
    label: 'Conv3d 3x3x3 C->C (no upsampling)',
    baseline: null,
    family: 'conv',
    stages: (s) => [stage('conv', (o, x) => o.conv(x, { name: 'conv', cout: s.c, kernel: k3 }))],
  },
  {
    id: '8b',
    index: 8,
    label: 'depthwise Conv3d 5x5x5 + pointwise 1x1x1 C->C (Turbo-VAED)',
    baseline: '8a',
    family: 'conv',
    stages: (s) => [
      stage('conv', (o, x) => o.conv(o.conv(x, { name: 'depthwise', cout: s.c, kernel: [5, 5, 5], groups: s.c }), { name: 'pointwise', cout: s.c, kernel: [1, 1, 1] })),
    ],
  },
];

/** Looks a variant up by id ("7" and "8" select both halves of a pair). */
export function selectVariants(ids: readonly string[]): VariantDefinition[] {
  const wanted = new Set<string>();
  for (const id of ids) {
    const matches = VARIANTS.filter((v) => v.id === id || String(v.index) === id);
    if (matches.length === 0) throw new RangeError(id);
    for (const m of matches) wanted.add(m.id);
  }
  return VARIANTS.filter((v) => wanted.has(v.id));
}

/** Replays the stages of `variant` from `start` to `end` (exclusive) into a sink. */
export function replayStages<T>(ops: OpSink<T>, x: T, stages: readonly VariantStage[]): T {
  return stages.reduce((v, st) => st.apply(ops, v), x);
}
