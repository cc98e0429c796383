import { createHash } from 'node:crypto';
import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import { geometryOutputFrames, readModelFile, type DecoderGeometry } from '@evalkit/decoder-runtime';
import { inspectOnnx, type OnnxValueInfo } from '@evalkit/onnx-graph';

/** What a benchmark records about a user's ONNX decoder file, read before anything runs. */
export interface OnnxFileFacts {
  path: string;
  fileBytes: number;
  sha256: string;
  /** Elements of the file's floating-point initializers. */
  params: number;
  /** The one latent input: float32, rank 5. */
  input: OnnxValueInfo;
  /** The first output as declared (its dims may be symbolic or unknown). */
  output: OnnxValueInfo | null;
  producer: string;
}

/**
 * Reads an ONNX decoder file: its size, SHA-256 and parameter count, and checks that it takes one
 * float32 tensor of rank 5 ([batch, channels, frames, height, width]). A missing file, bytes that are
 * not ONNX, or any other input signature is an EvalkitError naming the file, field and value.
 */
export function describeOnnxFile(path: string): OnnxFileFacts {
  const bytes = readModelFile(path);
  const summary = inspectOnnx(bytes, path);
  if (summary.inputs.length !== 1) {
    throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `a decoder takes one input, the latent [batch, channels, frames, height, width]; this file has ${summary.inputs.length}`, {
      file: path,
      field: 'graph.input',
      value: summary.inputs.map((i) => i.name),
    });
  }
  const input = summary.inputs[0];
  if (input.type !== 'float32') {
    throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'the latent input must be a float32 tensor of rank 5 [batch, channels, frames, height, width]', { file: path, field: `graph.input "${input.name}" type`, value: input.type });
  }
  if (!input.hasShape || input.shape.length !== 5) {
    throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'the latent input must be a float32 tensor of rank 5 [batch, channels, frames, height, width]', {
      file: path,
      field: `graph.input "${input.name}" shape`,
      value: input.hasShape ? input.shape.map((d) => d ?? '?').join('x') || 'scalar' : 'undeclared',
    });
  }
  return { path, fileBytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), params: summary.params, input, output: summary.outputs[0] ?? null, producer: summary.producer };
}

/** The size a benchmark asks of a file model whose input has symbolic dims. */
export interface FileLatentRequest {
  height: number;
  width: number;
  /** Latent frames, else the fewest that give `frames` output frames under the geometry. */
  latentFrames?: number;
  frames: number;
  /** Channels when the file leaves them symbolic (default 16). */
  latentChannels?: number;
  geometry: DecoderGeometry;
}

/**
 * The random-latent shape for a file model: every dim the file fixes is taken from the file; the
 * others from the request (height and width divided by the geometry's spatial compression).
 */
export function fileLatentShape(facts: OnnxFileFacts, request: FileLatentRequest): number[] {
  const [, sh, sw] = request.geometry.compression;
  const fixed = (i: number) => (typeof facts.input.shape[i] === 'number' ? (facts.input.shape[i] as number) : null);
  const channels = fixed(1);
  if (channels !== null && request.latentChannels !== undefined && request.latentChannels !== channels) {
    throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `the file's latent input has ${channels} channels`, { file: facts.path, field: '--latent-channels', value: request.latentChannels });
  }
  let t = request.latentFrames ?? 1;
  if (request.latentFrames === undefined) while (geometryOutputFrames(request.geometry, t) < request.frames) t++;
  const side = (i: number, pixels: number, s: number, flag: string): number => {
    const f = fixed(i);
    if (f !== null) return f;
    if (pixels % s !== 0) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `must be a multiple of the spatial compression ${s} (give the file's with --compression T,H,W)`, { file: facts.path, field: flag, value: pixels });
    return pixels / s;
  };
  return [fixed(0) ?? 1, channels ?? request.latentChannels ?? 16, fixed(2) ?? t, side(3, request.height, sh, '--height'), side(4, request.width, sw, '--width')];
}
