import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import { geometryOutputFrames, type DecoderGeometry } from './decoder-geometry';
import { axisStarts, type TileOptions } from './tile-plan';

/** What memory a decode needs: a fixed part plus a part proportional to the decoded tile's volume. */
export interface MemoryModel {
  /** Bytes that do not depend on the tile: runtime, weights (and their prepacked copies). */
  fixedBytes: number;
  /** Activation bytes per output voxel (frame × row × column) of one tile. */
  bytesPerOutputVoxel: number;
}

/** A tile choice with its estimated peak memory. */
export interface BudgetedTiles extends TileOptions {
  /** Estimated peak bytes. */
  estimatedBytes: number;
  /** Number of tiles. */
  tiles: number;
}

/** Estimated peak bytes of decoding latents [T,h,w] in tiles of (n, a, b) latent units. */
export function estimateDecodeBytes(latentThw: readonly number[], tile: readonly number[], geometry: DecoderGeometry, model: MemoryModel): number {
  const [t, h, w] = latentThw;
  const [, sh, sw] = geometry.compression;
  const outputBytes = 3 * 4 * geometryOutputFrames(geometry, t) * h * sh * w * sw;
  const tileVoxels = geometryOutputFrames(geometry, tile[0]) * tile[1] * sh * tile[2] * sw;
  // Blended result + one decoded tile (3 channels) + the tile's activations + fixed costs.
  return model.fixedBytes + outputBytes + tileVoxels * (12 + model.bytesPerOutputVoxel);
}

/**
 * The tiling that fits `budgetBytes` with the fewest tiles (the largest tiles the budget allows, as
 * few seams as possible), the least decoded volume on ties (overlaps decode twice). Spatial overlap is a quarter of the tile, temporal overlap 2 latent frames (causal)
 * or 1 (plain). Throws when even the smallest tiles (2 frames, 4×4 latents) do not fit.
 */
export function tilesForBudget(latentThw: readonly number[], geometry: DecoderGeometry, budgetBytes: number, model: MemoryModel): BudgetedTiles {
  const [t, h, w] = latentThw;
  const [, sh, sw] = geometry.compression;
  const minFrames = geometry.frameRule === 'causal' ? Math.min(t, 3) : 1;
  let best: (BudgetedTiles & { volume: number }) | null = null;
  for (let n = t; n >= minFrames; n--) {
    const of = n >= t ? 0 : geometry.frameRule === 'causal' ? Math.min(2, n - 1) : Math.min(1, n - 1);
    const nt = axisStarts(t, n, of).length;
    for (let a = h; a >= Math.min(h, 4); a--) {
      const oh = a >= h ? 0 : Math.max(1, Math.floor(a / 4));
      const nh = axisStarts(h, a, oh).length;
      for (let b = w; b >= Math.min(w, 4); b--) {
        const ow = b >= w ? 0 : Math.max(1, Math.floor(b / 4));
        const bytes = estimateDecodeBytes(latentThw, [n, a, b], geometry, model);
        if (bytes > budgetBytes) continue;
        const nw = axisStarts(w, b, ow).length;
        const tiles = nt * nh * nw;
        const volume = tiles * geometryOutputFrames(geometry, n) * a * sh * b * sw;
        if (!best || tiles < best.tiles || (tiles === best.tiles && volume < best.volume)) {
          best = { frames: n, height: a, width: b, overlapFrames: of, overlapHeight: oh, overlapWidth: ow, estimatedBytes: bytes, tiles, volume };
        }
      }
    }
  }
  if (!best) {
    const smallest = estimateDecodeBytes(latentThw, [minFrames, Math.min(h, 4), Math.min(w, 4)], geometry, model);
    throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `no tiling fits: even ${minFrames}x4x4 latent tiles need about ${Math.ceil(smallest / 2 ** 20)} MB`, { field: 'memoryBudget', value: `${Math.round(budgetBytes / 2 ** 20)} MB` });
  }
  const { volume: _volume, ...choice } = best;
  return choice;
}
