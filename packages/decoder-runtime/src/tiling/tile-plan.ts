import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import type { DecoderGeometry } from './decoder-geometry';

/** Tile sizes and overlaps in latent units (frames, rows, columns); omitted sizes mean "whole axis". */
export interface TileOptions {
  /** Latent frames per tile. */
  frames?: number;
  /** Latent rows per tile. */
  height?: number;
  /** Latent columns per tile. */
  width?: number;
  /** Latent frames shared by neighbouring temporal tiles. Default 2 for causal decoders (4 blended output frames at ct=4), 1 for plain ones. */
  overlapFrames?: number;
  /** Latent rows/columns shared by neighbouring spatial tiles. Default a quarter of the tile (diffusers: 32-row tiles, stride 24). */
  overlapSpatial?: number;
  /** Latent rows shared by vertically neighbouring tiles (overrides overlapSpatial). */
  overlapHeight?: number;
  /** Latent columns shared by horizontally neighbouring tiles (overrides overlapSpatial). */
  overlapWidth?: number;
}

/** Tile starts along one axis: equal-size tiles, stride size − overlap, the last one moved back to end at the edge. */
export function axisStarts(length: number, size: number, overlap: number): number[] {
  if (size >= length) return [0];
  const stride = size - overlap;
  const starts: number[] = [];
  for (let s = 0; s + size < length; s += stride) starts.push(s);
  // Unlike diffusers (which truncates the last tile), shift it back: every tile has the same size (so
  // one fixed-shape graph decodes them all) and every blend mixes co-located pixels.
  starts.push(length - size);
  return starts;
}

/** One axis of a plan: latent tile starts and the tile size. */
export interface AxisPlan {
  starts: number[];
  size: number;
}

/** A full tiling plan over [T, h, w] latents. */
export interface TilePlan {
  frames: AxisPlan;
  height: AxisPlan;
  width: AxisPlan;
  /** Number of tiles (product of the three axes). */
  count: number;
}

function checkTile(field: string, value: number | undefined, length: number): number {
  if (value === undefined) return length;
  if (!Number.isInteger(value) || value <= 0) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'tile sizes must be positive integers (latent units)', { field, value });
  return Math.min(value, length);
}

/** Builds a plan for latents [.., T, h, w]; overlaps are checked to leave a positive stride. */
export function planTiles(latentShape: readonly number[], geometry: DecoderGeometry, options: TileOptions = {}): TilePlan {
  const [t, h, w] = latentShape.slice(-3);
  const tf = checkTile('tileFrames', options.frames, t);
  const th = checkTile('tileHeight', options.height, h);
  const tw = checkTile('tileWidth', options.width, w);
  const of = tf >= t ? 0 : (options.overlapFrames ?? (geometry.frameRule === 'causal' ? 2 : 1));
  const spatialDefault = (size: number) => Math.max(1, Math.floor(size / 4));
  const oh = th >= h ? 0 : (options.overlapHeight ?? options.overlapSpatial ?? spatialDefault(th));
  const ow = tw >= w ? 0 : (options.overlapWidth ?? options.overlapSpatial ?? spatialDefault(tw));
  for (const [field, overlap, size] of [['overlapFrames', of, tf], ['overlapSpatial', oh, th], ['overlapSpatial', ow, tw]] as const) {
    if (!Number.isInteger(overlap) || overlap < 0 || overlap >= size) {
      throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `overlap must be a non-negative integer smaller than the tile (${size} latent units)`, { field, value: overlap });
    }
  }
  if (geometry.frameRule === 'causal' && tf < t && tf < 2) {
    throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'a causal decoder needs temporal tiles of at least 2 latent frames (the first frame of each later tile is dropped)', { field: 'tileFrames', value: tf });
  }
  if (geometry.frameRule === 'causal' && tf < t && of < 1) {
    // A later tile's first latent frame decodes to one dropped frame, so its other output frames
    // must come from the previous tile: without a shared latent frame they would have no tile at all.
    throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'a causal decoder needs temporal tiles that share at least 1 latent frame (the first frame of each later tile is dropped)', { field: 'overlapFrames', value: of });
  }
  const frames = { starts: axisStarts(t, tf, of), size: tf };
  const height = { starts: axisStarts(h, th, oh), size: th };
  const width = { starts: axisStarts(w, tw, ow), size: tw };
  return { frames, height, width, count: frames.starts.length * height.starts.length * width.starts.length };
}
