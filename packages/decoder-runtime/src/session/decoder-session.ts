import * as ort from 'onnxruntime-node';
import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import type { FloatTensor, Latent } from '../latents/latent';
import { collectProfile, createProfilePrefix } from '../io/profile-file';
import { readModelFile } from '../io/model-file';
import { sessionSettings, type DecoderSessionOptions, type SessionSettings } from './session-options';
import { latentShapeMismatch, type TensorSignature } from './tensor-signature';

/** onnxruntime's first line of an error, without the native source-location prefix. */
function reasonOf(error: unknown): string {
  return String((error as Error)?.message ?? error)
    .split('\n')[0]
    .replace(/^Load model from .*? failed:\s*/, '')
    .trim();
}

function signatureOf(meta: readonly ort.InferenceSession.ValueMetadata[]): TensorSignature[] {
  return meta.map((m) => (m.isTensor ? { name: m.name, type: m.type, shape: [...m.shape] } : { name: m.name, type: 'non-tensor', shape: [] }));
}

async function createSession(bytes: Uint8Array, ep: string, options: DecoderSessionOptions, profilePrefix?: string): Promise<ort.InferenceSession> {
  const sessionOptions: ort.InferenceSession.SessionOptions = {
    executionProviders: [ep],
    graphOptimizationLevel: options.graphOptimizationLevel ?? 'all',
    // onnxruntime logs refused providers at error level to stderr itself; our error says it better.
    logSeverityLevel: 4,
  };
  if (options.threads !== undefined) sessionOptions.intraOpNumThreads = options.threads;
  if (options.cpuMemArena !== undefined) sessionOptions.enableCpuMemArena = options.cpuMemArena;
  if (options.memPattern !== undefined) sessionOptions.enableMemPattern = options.memPattern;
  if (options.allowSpinning !== undefined) sessionOptions.extra = { session: { intra_op: { allow_spinning: options.allowSpinning ? '1' : '0' } } };
  if (profilePrefix !== undefined) {
    sessionOptions.enableProfiling = true;
    sessionOptions.profileFilePrefix = profilePrefix;
  }
  return ort.InferenceSession.create(bytes, sessionOptions);
}

/** The execution providers onnxruntime-node knows in this build, bundled or not. */
export function knownExecutionProviders(): { name: string; bundled: boolean }[] {
  return ort.listSupportedBackends().map((b) => ({ name: b.name, bundled: b.bundled }));
}

/** Names of the bundled providers that can start a session on `bytes` here (each is tried). */
export async function startableExecutionProviders(bytes: Uint8Array): Promise<string[]> {
  const ok: string[] = [];
  for (const backend of knownExecutionProviders()) {
    if (!backend.bundled) continue;
    try {
      const s = await createSession(bytes, backend.name, {});
      await s.release();
      ok.push(backend.name);
    } catch {
      // this provider cannot start here
    }
  }
  return ok;
}

/**
 * A decoder graph loaded in onnxruntime-node: its signature, a shape check, and `decode` for one
 * latent tensor. Use `DecoderSession.open` to create one.
 */
export class DecoderSession {
  /** The graph's inputs. */
  readonly inputs: TensorSignature[];
  /** The graph's outputs. */
  readonly outputs: TensorSignature[];

  private constructor(
    /** The onnxruntime session (exposed for benchmarks that compare against a bare run). */
    readonly session: ort.InferenceSession,
    /** File path or label of the model, used in messages. */
    readonly source: string,
    /** The execution provider the session runs on. */
    readonly executionProvider: string,
    /** Size of the serialised model in bytes. */
    readonly modelBytes: number,
    private readonly profile: { dir: string; target: string } | null,
    /** The options the session was created with (for result documents). */
    readonly settings: SessionSettings,
  ) {
    this.inputs = signatureOf(session.inputMetadata);
    this.outputs = signatureOf(session.outputMetadata);
  }

  /**
   * Opens a model file (or bytes, labelled by options.source). A model onnxruntime refuses is an
   * EVK_INVALID_INPUT error naming the file and onnxruntime's reason; an execution provider that
   * cannot start here is an EVK_UNSUPPORTED error listing the providers that can.
   */
  static async open(model: string | Uint8Array, options: DecoderSessionOptions = {}): Promise<DecoderSession> {
    const source = typeof model === 'string' ? model : (options.source ?? '<model bytes>');
    const bytes = typeof model === 'string' ? readModelFile(model) : model;
    const ep = (options.executionProvider ?? 'cpu').toLowerCase();
    const known = knownExecutionProviders();
    if (!known.some((b) => b.name === ep)) {
      throw new EvalkitError(
        ERROR_CODES.UNSUPPORTED,
        `unknown execution provider; this onnxruntime-node build knows ${known.map((b) => b.name).join(', ')} (starts here: ${(await startableExecutionProviders(bytes)).join(', ') || 'none'})`,
        { field: 'executionProvider', value: ep },
      );
    }
    const profileDir = options.profilePath !== undefined ? createProfilePrefix() : undefined;
    let session: ort.InferenceSession;
    try {
      session = await createSession(bytes, ep, options, profileDir?.prefix);
    } catch (error) {
      // Tell a refused provider from a refused graph: if the CPU provider loads the graph, the provider was the problem.
      let cpuLoads = false;
      if (ep !== 'cpu') {
        try {
          await (await createSession(bytes, 'cpu', {})).release();
          cpuLoads = true;
        } catch {
          cpuLoads = false;
        }
      }
      if (cpuLoads) {
        const starts = await startableExecutionProviders(bytes);
        throw new EvalkitError(
          ERROR_CODES.UNSUPPORTED,
          `execution provider "${ep}" cannot start here (${reasonOf(error)}); providers that start here: ${starts.join(', ')}`,
          { file: source, field: 'executionProvider', value: ep },
          { cause: error },
        );
      }
      throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `onnxruntime cannot load this model: ${reasonOf(error)}`, { file: source }, { cause: error });
    }
    return new DecoderSession(session, source, ep, bytes.length, profileDir && options.profilePath ? { dir: profileDir.dir, target: options.profilePath } : null, sessionSettings({ ...options, executionProvider: ep }));
  }

  /** The (first) input, which takes the latent. */
  get latentInput(): TensorSignature {
    return this.inputs[0];
  }

  /** Throws EVK_MISMATCH when `shape` cannot feed the latent input (rank, or a fixed dim differs). */
  checkLatentShape(shape: readonly number[], latentSource = 'latents'): void {
    if (this.inputs.length !== 1) {
      throw new EvalkitError(ERROR_CODES.UNSUPPORTED, `a decoder graph must have exactly one input; this one has ${this.inputs.length} (${this.inputs.map((i) => i.name).join(', ')})`, { file: this.source });
    }
    const input = this.latentInput;
    if (input.type !== 'float32') {
      throw new EvalkitError(ERROR_CODES.UNSUPPORTED, `the latent input must be float32; this graph's input "${input.name}" is ${input.type}`, { file: this.source, field: input.name, value: input.type });
    }
    const why = latentShapeMismatch(shape, input);
    if (why !== null) throw new EvalkitError(ERROR_CODES.MISMATCH, `latents do not fit the model ${this.source}: ${why}`, { file: latentSource, field: 'shape', value: shape.join('x') });
  }

  /**
   * Runs the graph on one latent (shape-checked first) and returns its first output. With `into`,
   * onnxruntime writes the output into that preallocated tensor (its shape must be the output's):
   * tiled decoding reuses one buffer for every tile instead of leaving a new one per tile to the GC.
   */
  async decode(latent: Latent, latentSource = 'latents', into?: FloatTensor): Promise<FloatTensor> {
    this.checkLatentShape(latent.shape, latentSource);
    const feeds = { [this.latentInput.name]: new ort.Tensor('float32', latent.data, latent.shape) };
    const outputName = this.outputs[0].name;
    let result: ort.InferenceSession.OnnxValueMapType;
    try {
      result = into ? await this.session.run(feeds, { [outputName]: new ort.Tensor('float32', into.data, into.shape) }) : await this.session.run(feeds);
    } catch (error) {
      throw new EvalkitError(ERROR_CODES.RUNTIME, `onnxruntime failed to run the model on latents ${latent.shape.join('x')}${into ? ` into an output of ${into.shape.join('x')}` : ''}: ${reasonOf(error)}`, { file: this.source }, { cause: error });
    }
    if (into) return into;
    const out = result[outputName] as ort.Tensor;
    for (const name of Object.keys(result)) if (name !== outputName) (result[name] as ort.Tensor).dispose?.();
    return { data: out.data as Float32Array, shape: out.dims.map(Number) };
  }

  /** Releases the session; with profiling on, writes the Chrome trace and returns its event count. */
  async release(): Promise<{ profileEvents: number | null }> {
    let profileEvents: number | null = null;
    if (this.profile) {
      this.session.endProfiling();
      profileEvents = collectProfile(this.profile.dir, this.profile.target);
    }
    await this.session.release();
    return { profileEvents };
  }
}
