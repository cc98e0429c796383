import { resolve } from 'node:path';
import { DecoderChild } from './run-job-in-child';

/** The eager child, our own script: it builds the reference decoder once and times one decode per request. */
export const TORCH_CHILD = resolve(__dirname, '..', '..', 'python', 'torch_decode_child.py');

/** One eager-PyTorch decoder: the reference model of a zoo decoder, run by Debian's python3-torch. */
export interface TorchDecodeJob {
  /** The zoo decoder whose reference model is built. */
  model: string;
  /** Display label (default "NAME (PyTorch eager)"). */
  label?: string;
  /** The user's checkout of github.com/hustvl/Turbo-VAED. */
  referenceCode: string;
  /** Latents as a float32 .npy file (the parent writes the ones the zoo row decodes). */
  latents: string;
  threads: number;
  seed: number;
  /** A safetensors checkpoint (or *.safetensors.index.json) instead of seeded PyTorch weights. */
  weights?: string;
  /** Its diffusers config.json when not beside the weights. */
  config?: string;
  /** Write the last decoded output here as float32 .npy when the child ends (tests compare it). */
  saveOutput?: string;
}

/**
 * Starts the eager child (behind `prefix`, e.g. taskset) and waits until its model is built. Its
 * OpenMP pool gets the same thread count as onnxruntime's.
 */
export function startTorchChild(job: TorchDecodeJob, python: string, prefix: readonly string[] = []): Promise<DecoderChild> {
  const threads = String(job.threads);
  return DecoderChild.startProgram(job.model, [python, TORCH_CHILD, JSON.stringify(job)], prefix, { ...process.env, OMP_NUM_THREADS: threads, MKL_NUM_THREADS: threads });
}
