import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import type { Latent, VideoTensor } from '../latents/latent';
import { geometryOutputFrames, type DecoderGeometry } from './decoder-geometry';
import type { AxisPlan, TilePlan } from './tile-plan';

/**
 * Decodes one latent tile [1, C, t, h, w] to video [1, 3, frames, H, W]. `into` is a reusable buffer of
 * the expected tile output shape that the decoder may fill and return (the result is consumed before
 * the next tile is decoded).
 */
export type TileDecoder = (tile: Latent, into: VideoTensor) => Promise<VideoTensor>;

/** One tile's kept output span on an axis, in absolute output coordinates, plus its blend weights. */
interface AxisSpan {
  /** First kept output index (absolute). */
  begin: number;
  /** One past the last kept output index (absolute). */
  end: number;
  /** Output index of the tile's local index 0 (local = absolute − origin). */
  origin: number;
  /** Weight of each kept position, begin..end−1. */
  weights: Float32Array;
}

/**
 * Output spans of one axis's tiles with diffusers-style linear cross-fades: over the overlap of two
 * neighbours the later tile's weight rises as x/E (x = 0..E−1) and the earlier one's falls as 1 − x/E
 * (blend_t / blend_v / blend_h). Also returns the per-position weight sum used to normalise
 * (1 everywhere unless three tiles overlap).
 */
function axisSpans(axis: AxisPlan, ratio: number, drop: (start: number) => number, localLength: number, total: number): { spans: AxisSpan[]; norm: Float32Array } {
  const spans = axis.starts.map((s) => {
    const origin = s * ratio;
    return { begin: origin + drop(s), end: Math.min(total, origin + localLength), origin, weights: new Float32Array(0) };
  });
  spans.forEach((span, i) => {
    const w = new Float32Array(span.end - span.begin).fill(1);
    const prev = spans[i - 1];
    if (prev && prev.end > span.begin) {
      const e = prev.end - span.begin;
      for (let x = 0; x < e && x < w.length; x++) w[x] *= x / e;
    }
    const next = spans[i + 1];
    if (next && span.end > next.begin) {
      const e = span.end - next.begin;
      for (let x = 0; x < e; x++) {
        const p = next.begin - span.begin + x;
        if (p >= 0 && p < w.length) w[p] *= 1 - x / e;
      }
    }
    span.weights = w;
  });
  const norm = new Float32Array(total);
  for (const span of spans) for (let x = span.begin; x < span.end; x++) norm[x] += span.weights[x - span.begin];
  return { spans, norm };
}

/** Copies latent[:, :, t0:t0+nt, y0:y0+nh, x0:x0+nw] into a contiguous tile. */
export function extractLatentTile(latent: Latent, t0: number, nt: number, y0: number, nh: number, x0: number, nw: number): Latent {
  const [b, c, t, h, w] = latent.shape;
  const out = new Float32Array(b * c * nt * nh * nw);
  let p = 0;
  for (let bc = 0; bc < b * c; bc++)
    for (let f = 0; f < nt; f++)
      for (let y = 0; y < nh; y++) {
        const src = ((bc * t + t0 + f) * h + y0 + y) * w + x0;
        out.set(latent.data.subarray(src, src + nw), p);
        p += nw;
      }
  return { data: out, shape: [b, c, nt, nh, nw] };
}

/**
 * Decodes latents [1, C, T, h, w] tile by tile and blends the tiles into one video. A tile starting
 * at a later latent frame of a causal decoder drops its first output frame (it was decoded as a
 * "first frame"), as diffusers' temporal tiled decoding does. Tiles along every axis are
 * cross-faded linearly over their overlap; where two axes overlap the weights multiply.
 */
export async function decodeTiled(latent: Latent, decodeTile: TileDecoder, geometry: DecoderGeometry, plan: TilePlan, onTile?: (index: number, count: number) => void): Promise<VideoTensor> {
  if (latent.shape.length !== 5 || latent.shape[0] !== 1) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'tiled decoding takes latents [1, C, T, h, w]', { field: 'shape', value: latent.shape.join('x') });
  const [, , t, h, w] = latent.shape;
  const [ct, sh, sw] = geometry.compression;
  const frames = geometryOutputFrames(geometry, t);
  const height = h * sh;
  const width = w * sw;
  const tileFrames = geometryOutputFrames(geometry, plan.frames.size);
  const causal = geometry.frameRule === 'causal';
  const tAxis = axisSpans(plan.frames, ct, (s) => (causal && s > 0 ? 1 : 0), tileFrames, frames);
  const hAxis = axisSpans(plan.height, sh, () => 0, plan.height.size * sh, height);
  const wAxis = axisSpans(plan.width, sw, () => 0, plan.width.size * sw, width);
  const out = new Float32Array(3 * frames * height * width);
  const tileOut: VideoTensor = { data: new Float32Array(3 * tileFrames * plan.height.size * sh * plan.width.size * sw), shape: [1, 3, tileFrames, plan.height.size * sh, plan.width.size * sw] };
  let index = 0;
  for (let i = 0; i < plan.frames.starts.length; i++)
    for (let j = 0; j < plan.height.starts.length; j++)
      for (let k = 0; k < plan.width.starts.length; k++) {
        const tile = extractLatentTile(latent, plan.frames.starts[i], plan.frames.size, plan.height.starts[j], plan.height.size, plan.width.starts[k], plan.width.size);
        const video = await decodeTile(tile, tileOut);
        const expected = [1, 3, tileFrames, plan.height.size * sh, plan.width.size * sw];
        if (video.shape.join('x') !== expected.join('x')) {
          throw new EvalkitError(
            ERROR_CODES.MISMATCH,
            `a latent tile ${tile.shape.join('x')} decoded to ${video.shape.join('x')}, but compression ${geometry.compression.join('x')} with the ${causal ? `${ct}T-${ct - 1}` : `${ct}T`} frame rule predicts ${expected.join('x')} (set the model's compression and frame rule)`,
            { field: 'output', value: video.shape.join('x') },
          );
        }
        const ts = tAxis.spans[i];
        const hs = hAxis.spans[j];
        const ws = wAxis.spans[k];
        const [, , lf, lh, lw] = video.shape;
        for (let c = 0; c < 3; c++)
          for (let f = ts.begin; f < ts.end; f++) {
            const wf = ts.weights[f - ts.begin];
            if (wf === 0) continue;
            for (let y = hs.begin; y < hs.end; y++) {
              const wfy = wf * hs.weights[y - hs.begin];
              if (wfy === 0) continue;
              const src = ((c * lf + f - ts.origin) * lh + y - hs.origin) * lw - ws.origin;
              const dst = ((c * frames + f) * height + y) * width;
              for (let x = ws.begin; x < ws.end; x++) out[dst + x] += wfy * ws.weights[x - ws.begin] * video.data[src + x];
            }
          }
        onTile?.(++index, plan.count);
      }
  // Normalise by the weight sums (exactly 1 wherever at most two tiles meet on each axis).
  for (let c = 0; c < 3; c++)
    for (let f = 0; f < frames; f++)
      for (let y = 0; y < height; y++) {
        const n = tAxis.norm[f] * hAxis.norm[y];
        const row = ((c * frames + f) * height + y) * width;
        for (let x = 0; x < width; x++) {
          const d = n * wAxis.norm[x];
          if (d !== 1) out[row + x] /= d;
        }
      }
  return { data: out, shape: [1, 3, frames, height, width] };
}
