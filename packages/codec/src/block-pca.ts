import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import type { FloatTensor as Latent, FloatTensor as VideoTensor } from '@evalkit/media-io';
import { CODEC_SPEC, type CodecWeights } from './codec-spec';
import { topEigenpairs } from './top-eigenpairs';

const [CT, CH, CW] = CODEC_SPEC.compression;
const D = CODEC_SPEC.blockSize;
const K = CODEC_SPEC.latentChannels;
const LEAD = CT - 1; // frames replicated in front for the 4T−3 rule

/** Checks that a [1,3,F,H,W] video fits the codec (F = 4T−3, H and W multiples of 8). */
export function checkCodecVideo(video: VideoTensor, source = 'video'): { frames: number; height: number; width: number; latentFrames: number } {
  const [b, c, f, h, w] = video.shape;
  if (video.shape.length !== 5 || b !== 1 || c !== 3) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'the codec encodes [1, 3, frames, height, width] RGB video', { file: source, field: 'shape', value: video.shape.join('x') });
  if ((f + LEAD) % CT !== 0) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `the codec's 4T-3 rule needs 1, 5, 9, 13, 17, ... frames; got ${f}`, { file: source, field: 'frames', value: f });
  if (h % CH !== 0 || w % CW !== 0) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `height and width must be multiples of 8; got ${h}x${w}`, { file: source, field: 'size', value: `${h}x${w}` });
  return { frames: f, height: h, width: w, latentFrames: (f + LEAD) / CT };
}

/**
 * Rearranges a video into 768-dim blocks (rows of the returned N×768 matrix), one per latent
 * position, in the channel order the decoder graph's pixel shuffle undoes: d = c·256 + t·64 + y·8 + x.
 */
export function videoToBlocks(video: VideoTensor): { blocks: Float32Array; latentShape: number[] } {
  const { frames: f, height: h, width: w, latentFrames: lt } = checkCodecVideo(video);
  const lh = h / CH;
  const lw = w / CW;
  const n = lt * lh * lw;
  const blocks = new Float32Array(n * D);
  const plane = h * w;
  for (let t = 0; t < lt; t++)
    for (let y = 0; y < lh; y++)
      for (let x = 0; x < lw; x++) {
        const row = ((t * lh + y) * lw + x) * D;
        for (let c = 0; c < 3; c++)
          for (let pt = 0; pt < CT; pt++) {
            // Padded frame index t·4 + pt maps to source frame max(0, t·4 + pt − 3).
            const frame = Math.max(0, t * CT + pt - LEAD);
            const base = (c * f + frame) * plane;
            for (let py = 0; py < CH; py++)
              for (let px = 0; px < CW; px++) blocks[row + c * 256 + pt * 64 + py * 8 + px] = video.data[base + (y * CH + py) * w + x * CW + px];
          }
      }
  return { blocks, latentShape: [1, K, lt, lh, lw] };
}

/**
 * Fits the codec in closed form: the mean block, the covariance of the blocks, and its 16 leading
 * eigenvectors (subspace iteration with Jacobi Rayleigh-Ritz). Latents are whitened: each channel
 * has unit variance on the fit clip, like a diffusion model's scaled VAE latents.
 */
export function fitBlockPca(videos: VideoTensor[]): CodecWeights & { explainedVariance: number; iterations: number } {
  const all = videos.map((v) => videoToBlocks(v).blocks);
  const n = all.reduce((s, b) => s + b.length / D, 0);
  const mean = new Float64Array(D);
  for (const b of all) for (let i = 0; i < b.length; i++) mean[i % D] += b[i];
  for (let d = 0; d < D; d++) mean[d] /= n;
  const cov = new Float64Array(D * D);
  const centred = new Float64Array(D);
  for (const b of all)
    for (let r = 0; r < b.length; r += D) {
      for (let d = 0; d < D; d++) centred[d] = b[r + d] - mean[d];
      for (let i = 0; i < D; i++) {
        const ci = centred[i];
        for (let j = i; j < D; j++) cov[i * D + j] += ci * centred[j];
      }
    }
  for (let i = 0; i < D; i++)
    for (let j = i; j < D; j++) {
      cov[i * D + j] /= n;
      cov[j * D + i] = cov[i * D + j];
    }
  let trace = 0;
  for (let i = 0; i < D; i++) trace += cov[i * D + i];
  const eig = topEigenpairs(cov, D, K);
  // Fix each component's sign (largest-magnitude entry positive) so refits are bit-identical.
  const basis = new Float32Array(D * K);
  for (let k = 0; k < K; k++) {
    let big = 0;
    for (let d = 0; d < D; d++) if (Math.abs(eig.vectors[d * K + k]) > Math.abs(big)) big = eig.vectors[d * K + k];
    const sign = big < 0 ? -1 : 1;
    for (let d = 0; d < D; d++) basis[d * K + k] = sign * eig.vectors[d * K + k];
  }
  const scale = Float32Array.from(eig.values, (v) => Math.sqrt(Math.max(v, 1e-12)));
  const explained = eig.values.reduce((s, v) => s + v, 0) / trace;
  return { basis, scale, mean: Float32Array.from(mean), explainedVariance: explained, iterations: eig.iterations };
}

/** Encodes a [1,3,4T−3,H,W] video in [-1,1] into [1,16,T,H/8,W/8] latents. */
export function encodeWithCodec(video: VideoTensor, weights: CodecWeights): Latent {
  const { blocks, latentShape } = videoToBlocks(video);
  const [, , lt, lh, lw] = latentShape;
  const positions = lt * lh * lw;
  const data = new Float32Array(K * positions);
  for (let s = 0; s < positions; s++) {
    const row = s * D;
    for (let k = 0; k < K; k++) {
      let acc = 0;
      for (let d = 0; d < D; d++) acc += weights.basis[d * K + k] * (blocks[row + d] - weights.mean[d]);
      data[k * positions + s] = acc / weights.scale[k];
    }
  }
  return { data, shape: latentShape };
}

/**
 * The codec's decoder in plain TypeScript (reference for the ONNX graph): x = mean + basis·(scale ⊙ z),
 * pixel-shuffled back, the three replicated leading frames dropped.
 */
export function decodeWithCodecReference(latent: Latent, weights: CodecWeights): VideoTensor {
  const [, k, lt, lh, lw] = latent.shape;
  if (k !== K) throw new RangeError(`latent channels must be ${K}, got ${k}`);
  const f = CT * lt - LEAD;
  const h = lh * CH;
  const w = lw * CW;
  const out = new Float32Array(3 * f * h * w);
  const positions = lt * lh * lw;
  const block = new Float64Array(D);
  for (let t = 0; t < lt; t++)
    for (let y = 0; y < lh; y++)
      for (let x = 0; x < lw; x++) {
        const s = (t * lh + y) * lw + x;
        for (let d = 0; d < D; d++) {
          let acc = weights.mean[d];
          for (let c = 0; c < K; c++) acc += weights.basis[d * K + c] * weights.scale[c] * latent.data[c * positions + s];
          block[d] = acc;
        }
        for (let c = 0; c < 3; c++)
          for (let pt = 0; pt < CT; pt++) {
            const frame = t * CT + pt - LEAD;
            if (frame < 0) continue;
            for (let py = 0; py < CH; py++)
              for (let px = 0; px < CW; px++) out[((c * f + frame) * h + y * CH + py) * w + x * CW + px] = block[c * 256 + pt * 64 + py * 8 + px];
          }
      }
  return { data: out, shape: [1, 3, f, h, w] };
}
