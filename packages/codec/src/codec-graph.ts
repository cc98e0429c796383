import { GraphBuilder, concat, mul, slice, transpose, type Value } from '@evalkit/onnx-graph';
import { CODEC_SPEC, type CodecWeights } from './codec-spec';

const [CT, CH, CW] = CODEC_SPEC.compression;
const K = CODEC_SPEC.latentChannels;
const D = CODEC_SPEC.blockSize;

/**
 * The embedded codec's decoder as an ONNX graph: a 1×1×1 Conv 16 → 768 (weight basis·diag(scale),
 * bias mean) then the 3-D pixel shuffle [1,3,4,8,8,T,h,w] → [1,3,T,4,h,8,w,8] → [1,3,4T,8h,8w], then
 * the three replicated leading frames are sliced off (4T−3 frames). Frames, height and width are
 * symbolic: the Reshape targets are computed from Shape(z), so one graph decodes any size and any tile.
 */
export function buildCodecDecoderGraph(weights: CodecWeights, buildShape: { latentFrames: number; height: number; width: number } = { latentFrames: 5, height: 16, width: 16 }): GraphBuilder {
  const g = new GraphBuilder({ name: 'evalkit-block-pca-codec-decoder', producerName: 'evalkit-decoder-runtime' });
  const { latentFrames: t, height: h, width: w } = buildShape;
  const z = g.input('latents', [1, K, t, h, w], 'float32', { dimNames: [undefined, undefined, 'latent_frames', 'latent_height', 'latent_width'] });
  const kernel = new Float32Array(D * K);
  for (let d = 0; d < D; d++) for (let k = 0; k < K; k++) kernel[d * K + k] = weights.basis[d * K + k] * weights.scale[k];
  const weight = g.floatTensor('codec.weight', [D, K, 1, 1, 1], kernel, true);
  const bias = g.floatTensor('codec.bias', [D], Float32Array.from(weights.mean), true);
  const blocks = g.addNode('Conv', [z, weight, bias], [[1, D, t, h, w]], {
    attributes: { kernel_shape: [1, 1, 1], strides: [1, 1, 1], pads: [0, 0, 0, 0, 0, 0], dilations: [1, 1, 1], group: 1 },
    macs: D * K * t * h * w,
    namePrefix: 'codec_conv',
  })[0];
  const shape = g.addNode('Shape', [z], [[5]], { dtypes: ['int64'] })[0];
  const thw: Value = slice(g, shape, { starts: [2], ends: [5] });
  const split = concat(g, [g.constInt64([1, 3, CT, CH, CW]), thw], 0);
  const phases = g.addNode('Reshape', [blocks, split], [[1, 3, CT, CH, CW, t, h, w]])[0];
  const moved = transpose(g, phases, [0, 1, 5, 2, 6, 3, 7, 4]);
  const merged = concat(g, [g.constInt64([1, 3]), mul(g, thw, g.constInt64([CT, CH, CW]))], 0);
  const video = g.addNode('Reshape', [moved, merged], [[1, 3, CT * t, CH * h, CW * w]])[0];
  const frames = slice(g, video, { starts: [CT - 1], ends: [Number.MAX_SAFE_INTEGER], axes: [2] });
  g.output(frames, 'video', { dimNames: [undefined, undefined, 'frames', 'height', 'width'] });
  return g;
}
