import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import { buildZooModel, buildZooModelFromCheckpoint, inspectCheckpoint, isZooModelName, listZooModels, openCheckpoint, zooModelInfo, zooSessionChoice } from '@evalkit/decoder-zoo';
import { buildCodecDecoderGraph, CODEC_SPEC, readCodecWeights } from '@evalkit/codec';
import { readModelFile } from '../io/model-file';
import { activationProfile } from '../tiling/memory-estimate';
import { DEFAULT_GEOMETRY, type DecoderGeometry } from '../tiling/decoder-geometry';
import type { MemoryModel } from '../tiling/tile-budget';
import { sessionDefaultsOf, type SessionDefaults } from '../session/session-options';

/**
 * Measured on this project's 2-core machine with Turbo-VAED-Hunyuan ×0.25 graphs (child processes,
 * maxRSS of `packages/bench/bench/tiled-720p-memory.ts`): with the over-frames convolutions
 * (2026-11-29), 17×720×1280 untiled peaks at 150 MB + 1.76 × the liveness estimate of the
 * activations, and in 8 tiles (memory pattern and arena off) at 150 MB + 1.78 ×; the Conv3d graphs
 * before them measured 1.3–1.55 ×. We use 1.9 and count the weights twice (the builder's bytes and
 * the session's copy).
 */
const RUNTIME_BASE_BYTES = 150 * 2 ** 20;
const ACTIVATION_OVERHEAD = 1.9;
/** For ONNX files we cannot inspect: Turbo-VAED-Hunyuan's 256 bytes of live activations per output voxel. */
const UNKNOWN_GRAPH_BYTES_PER_VOXEL = 256;

/** A decoder to run: where its graph comes from, its geometry, and how much memory a decode takes. */
export interface DecoderModel {
  /** "codec", "zoo:NAME" or the file path, for messages and manifests. */
  source: string;
  kind: 'codec' | 'zoo' | 'file';
  geometry: DecoderGeometry;
  /** Latent channels when known before loading (codec, zoo). */
  latentChannels: number | null;
  /** Whether the graph has fixed sizes (zoo graphs are built per latent size). */
  fixedSize: boolean;
  /** Graph bytes for latents of [T, h, w] (the same bytes for size-independent graphs). */
  bytesFor(latentThw: readonly number[]): Uint8Array;
  /** Memory model for budget-derived tiling. */
  memory(latentThw: readonly number[]): MemoryModel;
  /** Parameters and MACs for latents [T, h, w], when the graph can be counted (codec, zoo). */
  counts(latentThw: readonly number[]): { params: number; macs: number } | null;
  /** Session options the model runs with unless the caller sets them (a zoo decoder's measured choice). */
  sessionDefaults?: SessionDefaults;
}

/** Options for resolving a model: zoo width multiplier and seed; geometry for ONNX files. */
export interface DecoderModelOptions {
  widthMult?: number;
  seed?: number;
  /** Geometry of an ONNX file's decoder (default 4×8×8, 4T−3). */
  geometry?: DecoderGeometry;
  /** Zoo decoders: a safetensors checkpoint (file or *.safetensors.index.json) instead of seeded weights. */
  weights?: string;
  /** Zoo decoders with weights: the diffusers config.json (default: the one beside the weights). */
  config?: string;
  /** Called with notes about the checkpoint (skipped training-only tensors, ignored encoder tensors). */
  onNote?: (note: string) => void;
}

/**
 * Resolves "codec" (the embedded block-PCA decoder), "zoo:NAME" (a zoo decoder with seeded weights,
 * built at the latent size) or a path to an .onnx file.
 */
export function resolveDecoderModel(spec: string, options: DecoderModelOptions = {}): DecoderModel {
  if (spec === 'codec') {
    const graph = buildCodecDecoderGraph(readCodecWeights());
    const bytes = graph.toBytes();
    return {
      source: 'codec',
      kind: 'codec',
      geometry: { compression: CODEC_SPEC.compression, frameRule: 'causal' },
      latentChannels: CODEC_SPEC.latentChannels,
      fixedSize: false,
      bytesFor: () => bytes,
      memory: () => memoryFromProfile(buildCodecDecoderGraph(readCodecWeights())),
      counts: ([t, h, w]) => ({ params: graph.paramCount(), macs: CODEC_SPEC.blockSize * CODEC_SPEC.latentChannels * t * h * w }),
    };
  }
  if (spec.startsWith('zoo:')) {
    const name = spec.slice(4);
    if (!isZooModelName(name)) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `unknown zoo decoder; the zoo has ${listZooModels().join(', ')}`, { field: 'model', value: spec });
    const info = zooModelInfo(name);
    const [ct, sh, sw] = info.compression;
    const geometry: DecoderGeometry = { compression: info.compression, frameRule: info.outputFrames(5) === ct * 5 ? 'plain' : 'causal' };
    let latentChannels = info.latentChannels;
    let build = ([t, h, w]: readonly number[], materializeWeights: boolean) =>
      buildZooModel(name, { latentFrames: t, height: h * sh, width: w * sw, widthMult: options.widthMult ?? 1, seed: options.seed ?? 0, materializeWeights });
    if (options.weights !== undefined) {
      const weights = options.weights;
      // open and match now, so a wrong checkpoint fails before latents are read or anything runs
      const checkpoint = openCheckpoint(weights, options.config);
      const probe = inspectCheckpoint(name, checkpoint, { latentFrames: 1, height: sh, width: sw });
      latentChannels = probe.build.inputShape[1];
      let noted = false;
      build = ([t, h, w], materializeWeights) => {
        if (!materializeWeights) return inspectCheckpoint(name, checkpoint, { latentFrames: t, height: h * sh, width: w * sw }).build;
        const loaded = buildZooModelFromCheckpoint(name, weights, { latentFrames: t, height: h * sh, width: w * sw, configPath: options.config });
        if (!noted) for (const note of loaded.notes) options.onNote?.(note);
        noted = true;
        return loaded.build;
      };
    }
    return {
      source: spec,
      kind: 'zoo',
      sessionDefaults: sessionDefaultsOf(zooSessionChoice(name)),
      geometry,
      latentChannels,
      fixedSize: true,
      bytesFor: (thw) => build(thw, true).graph.toBytes(),
      memory: (thw) => memoryFromProfile(build(thw, false).graph),
      counts: (thw) => {
        const b = build(thw, false);
        return { params: b.params, macs: b.macs };
      },
    };
  }
  const bytes = readModelFile(spec);
  return {
    source: spec,
    kind: 'file',
    geometry: options.geometry ?? DEFAULT_GEOMETRY,
    latentChannels: null,
    fixedSize: false,
    bytesFor: () => bytes,
    memory: () => ({ fixedBytes: RUNTIME_BASE_BYTES + 2 * bytes.length, bytesPerOutputVoxel: ACTIVATION_OVERHEAD * UNKNOWN_GRAPH_BYTES_PER_VOXEL }),
    counts: () => null,
  };
}

function memoryFromProfile(graph: Parameters<typeof activationProfile>[0]): MemoryModel {
  const p = activationProfile(graph);
  return { fixedBytes: RUNTIME_BASE_BYTES + 2 * p.weightBytes, bytesPerOutputVoxel: ACTIVATION_OVERHEAD * p.bytesPerOutputVoxel };
}
