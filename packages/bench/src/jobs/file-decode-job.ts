import { DecoderSession, randomLatents, readLatents, readModelFile } from '@evalkit/decoder-runtime';
import { inspectOnnx } from '@evalkit/onnx-graph';
import type { PreparedZooDecode, ZooDecodeJob } from './zoo-decode-job';

/**
 * Opens a user's ONNX decoder file in onnxruntime and draws its latents (seeded random of
 * job.latentShape, or read from job.latents), shape-checked against the graph's input before the
 * first decode. A graph onnxruntime refuses fails here, naming the file and onnxruntime's reason.
 */
export async function prepareFileDecode(job: ZooDecodeJob, file: string): Promise<PreparedZooDecode> {
  const began = Date.now();
  const bytes = readModelFile(file);
  const params = inspectOnnx(bytes, file).params;
  const session = await DecoderSession.open(bytes, { ...job.session, source: file, threads: job.threads, executionProvider: job.executionProvider, cpuMemArena: job.session?.cpuMemArena ?? job.cpuMemArena, memPattern: job.session?.memPattern ?? job.memPattern });
  const latent = job.latents !== undefined ? readLatents(job.latents) : randomLatents(job.latentShape ?? [1, 16, job.latentFrames, job.height / 8, job.width / 8], job.seed ?? 0);
  session.checkLatentShape(latent.shape, job.latents);
  return {
    setup: { model: job.model, label: job.label ?? job.model, params, macs: null, setupSeconds: (Date.now() - began) / 1000, tiles: 1, session: session.settings },
    decode: () => session.decode(latent),
    release: async () => {
      await session.release();
    },
  };
}
