import { assertStrictMatch, buildZooModel, buildZooModelFromCheckpoint, inspectCheckpoint, latentFramesFor, openCheckpoint } from '@evalkit/decoder-zoo';
import { randomLatents } from '@evalkit/decoder-runtime';
import type { DecoderAsset } from '../plan';

/** What the server needs to describe and serve zoo decoders to a page. */
export interface DecoderAssetOptions {
  models: readonly string[];
  height: number;
  width: number;
  /** Output frames wanted; each model gets the latent frames that give at least this many. */
  frames: number;
  widthMult: number;
  seed: number;
  /** Safetensors checkpoints by model (real weights; widths come from the checkpoint's config, not widthMult). */
  weights?: Readonly<Record<string, string>>;
}

// The one rule (decoder-zoo), re-exported so this package's importers keep their path.
export { latentFramesFor };

/**
 * Serves zoo decoders as `bench decoders` builds them (same seeded weights, same random latents),
 * describing them up front from a weightless build and building the real bytes on first request.
 * Only the last model stays cached: a page fetches them one at a time and full-width graphs are
 * hundreds of MB.
 */
export class DecoderAssets {
  readonly assets: DecoderAsset[];
  private cached: { model: string; onnx: Uint8Array; latents: Uint8Array } | null = null;

  constructor(private readonly options: DecoderAssetOptions) {
    this.assets = options.models.map((model) => {
      const latentFrames = latentFramesFor(model, options.frames);
      const size = { height: options.height, width: options.width, latentFrames };
      const weights = options.weights?.[model];
      // A checkpoint is checked (strictly matched) now, so a wrong file fails before any page connects.
      const b = weights !== undefined ? inspectCheckpointStrict(model, weights, size) : buildZooModel(model, { ...size, widthMult: options.widthMult, seed: options.seed, materializeWeights: false });
      return { model, label: b.info.label, params: b.params, macs: b.macs, latentShape: b.inputShape, outputShape: b.outputShape, modelPath: `/models/${model}.onnx`, latentsPath: `/models/${model}.latents` };
    });
  }

  /** The .onnx bytes or the latents (little-endian float32) of a planned model; null for anything else. */
  file(model: string, part: 'onnx' | 'latents'): Uint8Array | null {
    const asset = this.assets.find((a) => a.model === model);
    if (!asset) return null;
    if (this.cached?.model !== model) {
      this.cached = null;
      const size = { height: this.options.height, width: this.options.width, latentFrames: asset.latentShape[2] };
      const weights = this.options.weights?.[model];
      const b = weights !== undefined ? buildZooModelFromCheckpoint(model, weights, size).build : buildZooModel(model, { ...size, widthMult: this.options.widthMult, seed: this.options.seed });
      const latent = randomLatents(asset.latentShape, this.options.seed);
      this.cached = { model, onnx: b.graph.toBytes(), latents: new Uint8Array(latent.data.buffer, latent.data.byteOffset, latent.data.byteLength) };
    }
    return part === 'onnx' ? this.cached.onnx : this.cached.latents;
  }
}

/** The weightless build of a checkpoint's model, after checking the checkpoint has exactly its tensors. */
function inspectCheckpointStrict(model: string, weights: string, size: { height: number; width: number; latentFrames: number }) {
  const checkpoint = openCheckpoint(weights);
  const { match, build } = inspectCheckpoint(model, checkpoint, size);
  assertStrictMatch(match, model, checkpoint.path);
  return build;
}
