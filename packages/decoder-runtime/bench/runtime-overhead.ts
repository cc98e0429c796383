// Benchmark: the runtime's whole-clip decode (DecoderSession.decode: shape check, tensor wrap, run,
// output unwrap) against a bare onnxruntime session.run on the same session and latent, interleaved
// run by run so drift hits both equally. Target: runtime <= 1.03 x bare (median).
// Run: flock /tmp/evalkit-bench.lock npx tsx packages/decoder-runtime/bench/runtime-overhead.ts [runs]
import * as ort from 'onnxruntime-node';
import { DecoderSession, latencyOf, randomLatents, resolveDecoderModel } from '@evalkit/decoder-runtime';

async function compare(label: string, bytes: Uint8Array, shape: number[], runs: number): Promise<void> {
  const session = await DecoderSession.open(bytes, { source: label });
  const latent = randomLatents(shape, 1);
  const bare = async () => {
    const out = await session.session.run({ [session.inputs[0].name]: new ort.Tensor('float32', latent.data, latent.shape) });
    return out[session.outputs[0].name].data;
  };
  const ours = async () => (await session.decode(latent)).data;
  await bare();
  await ours();
  const tb: number[] = [];
  const tr: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Alternate the order each round so neither path always runs on a warmer cache.
    for (const [fn, into] of (i % 2 ? [[ours, tr], [bare, tb]] : [[bare, tb], [ours, tr]]) as [() => Promise<unknown>, number[]][]) {
      const t0 = process.hrtime.bigint();
      await fn();
      into.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  await session.release();
  const b = latencyOf(tb);
  const r = latencyOf(tr);
  const ratio = r.medianMs / b.medianMs;
  process.stdout.write(
    `${label.padEnd(44)} latents ${shape.join('x').padEnd(14)} bare median ${b.medianMs.toFixed(2).padStart(8)} ms (mean ${b.meanMs.toFixed(2)})  runtime median ${r.medianMs.toFixed(2).padStart(8)} ms (mean ${r.meanMs.toFixed(2)})  ratio ${ratio.toFixed(4)}  ${ratio <= 1.03 ? 'PASS' : 'FAIL'} (<= 1.03)\n`,
  );
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 30);
  process.stdout.write(`runtime overhead vs bare session.run, ${runs} interleaved runs each, onnxruntime-node ${ort.env.versions.node ?? ''}\n`);
  const codec = resolveDecoderModel('codec');
  await compare('codec (embedded) 17x256x256', codec.bytesFor([5, 32, 32]), [1, 16, 5, 32, 32], runs);
  const zoo = resolveDecoderModel('zoo:turbo-vaed-hunyuan', { widthMult: 0.25 });
  await compare('zoo:turbo-vaed-hunyuan x0.25 17x64x64', zoo.bytesFor([5, 8, 8]), [1, 16, 5, 8, 8], Math.max(5, Math.round(runs / 3)));
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exitCode = 1;
});
