import { concat, reshape, slice, transpose, type GraphBuilder, type Value } from '@evalkit/onnx-graph';
import { videoConv3d } from './padded-conv';

/**
 * The time half of Wan 2.1's 'upsample3d' resampler, done for the whole clip in one pass:
 * [B, C, T, H, W] -> [B, C, 2T-1, H, W]. Frame 0 passes through untouched; frames 1..T-1 go through
 * a causal Conv3d (3,1,1) C -> 2C with two zero frames in front, and output channel `phase*C + c` of
 * frame t becomes channel c of frame 2t + phase (interleaved).
 *
 * Why frame 0 is excluded from the conv's history: the reference decodes one latent frame at a time
 * with a feature cache, and for the first chunk it only marks the cache ("Rep") without running the
 * conv; the second chunk then sees zeros where frame 0 would be. Over the whole clip that is exactly a
 * causal zero-padded conv over frames 1..T-1 alone.
 */
export function causalTimeUpsample(g: GraphBuilder, x: Value, name: string): Value {
  const [b, c, t, h, w] = x.shape;
  if (x.shape.length !== 5) throw new RangeError(`causalTimeUpsample: input [${x.shape.join(',')}] must be [B, C, T, H, W]`);
  if (t === 1) {
    // Nothing to convolve, but the layer still exists: register its weights so parameter counts do not depend on T.
    g.parameter(`${name}.weight`, [2 * c, c, 3, 1, 1], { kind: 'kaiming-uniform', fanIn: 3 * c });
    g.parameter(`${name}.bias`, [2 * c], { kind: 'kaiming-uniform', fanIn: 3 * c });
    return x;
  }
  const first = slice(g, x, { starts: [0], ends: [1], axes: [2] });
  const rest = slice(g, x, { starts: [1], ends: [t], axes: [2] });
  // zero time padding folded into the Conv's own (asymmetric) pads: no padded copy of the tensor
  const doubled = videoConv3d(g, rest, { outChannels: 2 * c, kernel: [3, 1, 1], pads: [2, 0, 0, 0, 0, 0], name });
  const interleaved = reshape(g, transpose(g, reshape(g, doubled, [b, 2, c, t - 1, h, w]), [0, 2, 3, 1, 4, 5]), [b, c, 2 * (t - 1), h, w]);
  return concat(g, [first, interleaved], 2);
}
