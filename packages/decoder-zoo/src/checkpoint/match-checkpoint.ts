import { EvalkitError, ERROR_CODES } from '@evalkit/core';
import type { InitializerRecord } from '@evalkit/onnx-graph';
import type { SafetensorsTensorRef as TensorRef } from '@evalkit/media-io';

/** A tensor the zoo graph needs: its checkpoint key, the graph's shape, and whether PyTorch stores it transposed. */
export interface ExpectedTensor {
  /** Checkpoint key, e.g. "decoder.conv_in.conv.weight". */
  key: string;
  /** Shape in the graph. */
  shape: number[];
  /** Shape as PyTorch stores it (reversed for transposed Linear weights), before size-1 axes are considered. */
  fileShape: number[];
  /** nn.Linear weight: the graph uses its transpose. */
  transposed: boolean;
}

/** How a checkpoint's keys map onto a zoo graph. */
export interface CheckpointMatch {
  /** Keys the graph loads. */
  used: string[];
  /** Keys of the autoencoder that decoding does not use (encoder.*, quant_conv.*, latent statistics). */
  ignored: string[];
  /** Keys that exist only for training (Turbo-VAED's distillation heads), skipped. */
  trainingOnly: string[];
  /** Keys the graph needs and the file lacks. */
  missing: string[];
  /** Keys the file has that neither the graph nor the ignore rules know. */
  unexpected: string[];
  /** Keys present in both with incompatible shapes. */
  mismatched: { key: string; expected: number[]; file: number[] }[];
}

const IGNORED = [/^encoder\./, /^quant_conv\./, /^latents_mean$/, /^latents_std$/];
const TRAINING_ONLY = [/^aligned_feature_projection_heads\./];

/** The parameters a (shape-only) zoo graph needs, by checkpoint key. */
export function expectedTensors(initializers: readonly InitializerRecord[]): ExpectedTensor[] {
  return initializers
    .filter((i) => i.trainable)
    .map((i) => {
      const shape = [...i.shape];
      const transposed = i.transposed ?? false;
      return { key: i.key ?? i.name, shape, fileShape: transposed ? [...shape].reverse() : shape, transposed };
    });
}

const squeeze = (s: readonly number[]) => s.filter((d) => d !== 1);

/**
 * Whether a stored shape fits the graph's: equal, or equal once size-1 axes are dropped (norm scales
 * [C] vs [1,C,1,1,1], per-frame Conv2d kernels [O,I,3,3] vs [O,I,1,3,3]) so the data order is the same.
 */
export function shapesCompatible(expected: ExpectedTensor, file: readonly number[]): boolean {
  if (expected.transposed) return file.length === 2 && file[0] === expected.fileShape[0] && file[1] === expected.fileShape[1];
  return squeeze(expected.fileShape).join(',') === squeeze(file).join(',');
}

/** Matches a checkpoint's tensors against what the graph needs, as PyTorch's load_state_dict(strict=True) would. */
export function matchCheckpoint(expected: readonly ExpectedTensor[], tensors: ReadonlyMap<string, TensorRef>): CheckpointMatch {
  const need = new Map(expected.map((e) => [e.key, e]));
  const m: CheckpointMatch = { used: [], ignored: [], trainingOnly: [], missing: [], unexpected: [], mismatched: [] };
  for (const [key, ref] of tensors) {
    const e = need.get(key);
    if (e) {
      if (shapesCompatible(e, ref.shape)) m.used.push(key);
      else m.mismatched.push({ key, expected: e.fileShape, file: ref.shape });
    } else if (TRAINING_ONLY.some((r) => r.test(key))) m.trainingOnly.push(key);
    else if (IGNORED.some((r) => r.test(key))) m.ignored.push(key);
    else m.unexpected.push(key);
  }
  for (const key of need.keys()) if (!tensors.has(key)) m.missing.push(key);
  return m;
}

const fmt = (s: readonly number[]) => `[${s.join(', ')}]`;

/** Throws one EvalkitError listing every missing, unexpected and mis-shaped key (nothing is built then). */
export function assertStrictMatch(match: CheckpointMatch, model: string, file: string): void {
  const problems = match.missing.length + match.unexpected.length + match.mismatched.length;
  if (problems === 0) return;
  const lines: string[] = [];
  if (match.missing.length) lines.push(`Missing key(s) (${match.missing.length}): ${match.missing.join(', ')}`);
  if (match.unexpected.length) lines.push(`Unexpected key(s) (${match.unexpected.length}): ${match.unexpected.join(', ')}`);
  for (const x of match.mismatched) lines.push(`size mismatch for ${x.key}: zoo:${model} expects ${fmt(x.expected)}, the file has ${fmt(x.file)}`);
  const hint = match.used.length === 0 ? ` None of its ${match.unexpected.length + match.mismatched.length} decoder tensors fit: is it a checkpoint of another model?` : '';
  throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `does not match zoo:${model} (${problems} problem(s), nothing was loaded).${hint}\n  ${lines.join('\n  ')}`, { file, field: 'tensors' });
}
