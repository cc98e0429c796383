// Check, not a benchmark: every export tools/reference-decoders/export_onnx.py wrote into DIR loads in
// onnxruntime-node and decodes its latents (NAME.latents.npy) as PyTorch did (NAME.torch.npy). Prints
// max |onnxruntime - PyTorch| per export and exits 1 when one fails to load or differs by more than 1e-4.
// Run: npx tsx packages/bench/bench/reference-exports-decode-as-pytorch.ts [DIR=exports] [threads=2]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DecoderSession, readLatents } from '@evalkit/decoder-runtime';

async function main(): Promise<void> {
  const dir = process.argv[2] ?? 'exports';
  const threads = Number(process.argv[3] ?? 2);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { torch: string; models: Record<string, { file: string; repairs: string[] }> };
  let failed = 0;
  for (const [name, entry] of Object.entries(manifest.models)) {
    try {
      const session = await DecoderSession.open(join(dir, entry.file), { threads });
      const video = await session.decode(readLatents(join(dir, `${name}.latents.npy`)));
      await session.release();
      const torch = readLatents(join(dir, `${name}.torch.npy`));
      if (video.shape.join('x') !== torch.shape.join('x')) throw new Error(`output ${video.shape.join('x')}, PyTorch ${torch.shape.join('x')}`);
      let diff = 0;
      for (let i = 0; i < torch.data.length; i++) diff = Math.max(diff, Math.abs(video.data[i] - torch.data[i]));
      if (!(diff <= 1e-4)) failed++;
      console.log(`${name}: ${entry.file} loads; output ${video.shape.join('x')}, max |onnxruntime - PyTorch ${manifest.torch}| = ${diff.toExponential(2)}${entry.repairs.length ? `; ${entry.repairs.length} repairs` : ''}${diff <= 1e-4 ? '' : '  > 1e-4'}`);
    } catch (error) {
      failed++;
      console.log(`${name}: ${entry.file} FAILED: ${(error as Error).message}`);
    }
  }
  process.exitCode = failed ? 1 : 0;
}

void main();
