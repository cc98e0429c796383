import type { ParameterRequest, WeightSource } from '@evalkit/onnx-graph';
import { buildZooModel, type ZooBuild, type ZooBuildOptions } from '../registry';
import { openCheckpoint, type CheckpointFiles } from '../io/checkpoint-files';
import { assertStrictMatch, expectedTensors, matchCheckpoint, type CheckpointMatch } from './match-checkpoint';
import { readSafetensorsTensor as readTensor, type SafetensorsTensorRef as TensorRef } from '@evalkit/media-io';

/** Options of buildZooModelFromCheckpoint: the graph's size plus the config file when not beside the weights. */
export interface CheckpointBuildOptions extends Omit<ZooBuildOptions, 'config' | 'configSource' | 'weights' | 'widthMult' | 'seed'> {
  /** A diffusers config.json; default config.json beside the weights when present, else the published config. */
  configPath?: string;
}

/** A zoo graph built with a checkpoint's weights, and how the checkpoint mapped onto it. */
export interface CheckpointBuild {
  /** The graph. */
  build: ZooBuild;
  /** The checkpoint as opened. */
  checkpoint: CheckpointFiles;
  /** Key mapping (used / ignored / training-only). */
  match: CheckpointMatch;
  /** Human-readable notes: skipped training-only tensors, ignored encoder tensors. */
  notes: string[];
}

/** Reads each parameter from the checkpoint as the graph asks for it (reshaping size-1 axes, transposing Linear weights). */
function checkpointWeights(tensors: ReadonlyMap<string, TensorRef>): WeightSource {
  return {
    take(request: ParameterRequest): Float32Array {
      const ref = tensors.get(request.key);
      if (!ref) throw new RangeError(`internal: checkpoint has no "${request.key}" although it matched`);
      const data = readTensor(ref);
      if (!request.transposed) return data;
      const [rows, cols] = ref.shape;
      const out = new Float32Array(data.length);
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = data[r * cols + c];
      return out;
    },
  };
}

/** Notes on what was not loaded, for the user. */
export function checkpointNotes(match: CheckpointMatch): string[] {
  const notes: string[] = [];
  if (match.trainingOnly.length) notes.push(`skipped ${match.trainingOnly.length} training-only tensor(s) (not used to decode): ${match.trainingOnly.join(', ')}`);
  if (match.ignored.length) notes.push(`ignored ${match.ignored.length} tensor(s) the decoder does not use (encoder.*, quant_conv.*, latent statistics)`);
  return notes;
}

/** Matches a checkpoint against zoo `name` (config checked, strict key matching) without building weights. */
export function inspectCheckpoint(name: string, checkpoint: CheckpointFiles, size: Pick<ZooBuildOptions, 'height' | 'width' | 'latentFrames' | 'sizeIndependent'>): { match: CheckpointMatch; build: ZooBuild } {
  const shapes = buildZooModel(name, { ...size, materializeWeights: false, config: checkpoint.config ?? undefined, configSource: checkpoint.configPath ?? undefined });
  return { match: matchCheckpoint(expectedTensors(shapes.graph.initializers), checkpoint.tensors), build: shapes };
}

/**
 * Builds zoo decoder `name` with the weights of a safetensors checkpoint (single file or sharded
 * index), checking its config.json and matching keys strictly first: any missing, unexpected or
 * mis-shaped key fails with one EvalkitError and nothing is built.
 */
export function buildZooModelFromCheckpoint(name: string, weightsPath: string, options: CheckpointBuildOptions): CheckpointBuild {
  const { configPath, ...size } = options;
  const checkpoint = openCheckpoint(weightsPath, configPath);
  const { match } = inspectCheckpoint(name, checkpoint, size);
  assertStrictMatch(match, name, checkpoint.path);
  const build = buildZooModel(name, { ...size, config: checkpoint.config ?? undefined, configSource: checkpoint.configPath ?? undefined, weights: checkpointWeights(checkpoint.tensors) });
  return { build, checkpoint, match, notes: checkpointNotes(match) };
}
