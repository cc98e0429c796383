import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import type { Latent, VideoTensor } from '../latents/latent';
import { DecoderSession } from '../session/decoder-session';
import { TILED_SESSION_DEFAULTS, withSessionDefaults, type DecoderSessionOptions, type SessionSettings } from '../session/session-options';
import { geometryOutputFrames } from '../tiling/decoder-geometry';
import { tilesForBudget } from '../tiling/tile-budget';
import { planTiles, type TileOptions, type TilePlan } from '../tiling/tile-plan';
import { decodeTiled } from '../tiling/tiled-decode';
import type { DecoderModel } from './decoder-model';

/** Options of decodeVideo (a graph with fixed latent dims smaller than the latents is tiled at its size automatically). */
export interface DecodeVideoOptions extends DecoderSessionOptions {
  /** Tile sizes (latent units); with none and no budget the latents decode whole. */
  tiles?: TileOptions;
  /** Derive tile sizes so that the estimated peak memory stays under this many bytes. */
  memoryBudgetBytes?: number;
  /** Where the latents came from, for messages. */
  latentSource?: string;
  /** Called after each tile. */
  onTile?: (index: number, count: number) => void;
}

/** A decoded video and how it was decoded. */
export interface DecodedVideo {
  video: VideoTensor;
  plan: TilePlan | null;
  /** Estimated peak bytes when tiles came from a memory budget. */
  estimatedBytes: number | null;
  /** Profile events written, when profiling was on. */
  profileEvents: number | null;
  /** The session's input signature (first input). */
  inputShape: (number | string)[];
  /** The onnxruntime session options the decode ran with. */
  session: SessionSettings;
}

/**
 * Decodes latents [1, C, T, h, w] with a model: whole, in given tiles, or in tiles derived from a
 * memory budget. The latent is checked against the graph's input before anything runs.
 */
export async function decodeVideo(model: DecoderModel, latent: Latent, given: DecodeVideoOptions = {}): Promise<DecodedVideo> {
  // The model's own session choice (a zoo decoder's) fills what the caller leaves unset.
  const options = withSessionDefaults(given, model.sessionDefaults);
  const latentSource = options.latentSource ?? 'latents';
  if (latent.shape.length !== 5 || latent.shape[0] !== 1) {
    throw new EvalkitError(ERROR_CODES.MISMATCH, 'latents must be [1, channels, frames, height, width]', { file: latentSource, field: 'shape', value: latent.shape.join('x') });
  }
  if (model.latentChannels !== null && latent.shape[1] !== model.latentChannels) {
    throw new EvalkitError(ERROR_CODES.MISMATCH, `${model.source} takes ${model.latentChannels} latent channels`, { file: latentSource, field: 'shape[1] (channels)', value: latent.shape[1] });
  }
  const thw = latent.shape.slice(2);
  let tiles = options.tiles;
  let estimatedBytes: number | null = null;
  if (options.memoryBudgetBytes !== undefined) {
    const chosen = tilesForBudget(thw, model.geometry, options.memoryBudgetBytes, model.memory(thw));
    estimatedBytes = chosen.estimatedBytes;
    tiles = { ...chosen, ...(tiles ?? {}) };
  }
  // A graph exported at a fixed size (common for PyTorch exports) fixes the tile: when the latents are
  // larger along an axis and no tiles were asked for, tile that axis at the graph's size.
  let probe: DecoderSession | null = null;
  if (!model.fixedSize && tiles === undefined) {
    probe = await DecoderSession.open(model.bytesFor(thw), { ...options, source: model.source });
    const fixed = probe.inputs.length === 1 ? probe.inputs[0].shape.slice(2) : [];
    const auto: TileOptions = {};
    const keys = ['frames', 'height', 'width'] as const;
    fixed.forEach((d, i) => {
      if (fixed.length === 3 && typeof d === 'number' && d > 0 && d < thw[i]) auto[keys[i]] = d;
    });
    if (Object.keys(auto).length > 0) tiles = auto;
  }
  const plan = tiles ? planTiles(latent.shape, model.geometry, tiles) : null;
  const tiled = plan !== null && plan.count > 1;
  const graphThw = tiled ? [plan.frames.size, plan.height.size, plan.width.size] : thw;
  if (probe && tiled) {
    await probe.release();
    probe = null;
  }
  const session = probe ?? (await DecoderSession.open(model.bytesFor(graphThw), { ...withSessionDefaults(options, tiled ? TILED_SESSION_DEFAULTS : undefined), source: model.source }));
  let released = false;
  try {
    session.checkLatentShape(tiled ? [1, latent.shape[1], ...graphThw] : latent.shape, latentSource);
    const video = tiled ? await decodeTiled(latent, (tile, into) => session.decode(tile, latentSource, into), model.geometry, plan, options.onTile) : await session.decode(latent, latentSource);
    const expectedFrames = geometryOutputFrames(model.geometry, thw[0]);
    if (!tiled && video.shape[2] !== expectedFrames) {
      throw new EvalkitError(ERROR_CODES.MISMATCH, `the decoder produced ${video.shape[2]} frames from ${thw[0]} latent frames; its geometry predicts ${expectedFrames} (check --compression/--frame-rule)`, { file: model.source, field: 'output', value: video.shape.join('x') });
    }
    if (!tiled) options.onTile?.(1, 1);
    const { profileEvents } = await session.release();
    released = true;
    return { video, plan: tiled ? plan : null, estimatedBytes, profileEvents, inputShape: session.inputs[0].shape, session: session.settings };
  } finally {
    if (!released) await session.release();
  }
}
