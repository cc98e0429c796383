// Benchmark: the runtime's whole-clip decode (DecoderSession.decode: shape check, tensor wrap, run,
// output unwrap) against a bare onnxruntime session.run on the same session and latent, interleaved
// run by run so drift hits both equally. Target: runtime <= 1.03 x bare (median).
// Run: flock /tmp/evalkit-bench.lock npx tsx packages/bench/bench/runtime-overhead.ts [runs]
import * as ort from 'onnxruntime-node';
import { DecoderSession, randomLatents, resolveDecoderModel } from '@evalkit/decoder-runtime';
import { formatWithInterval } from '@evalkit/bench';
import { pairedRatioInterval } from '../src/stats/bootstrap';
import { sampleStats } from '../src/stats/sample-stats';

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
  const b = sampleStats(tb);
  const r = sampleStats(tr);
  // Paired: run i of each path came from the same round.
  const ratio = r.medianMs / b.medianMs;
  const ci = pairedRatioInterval(tr, tb);
  const flag = (s: { unstable: boolean }) => (s.unstable ? ' (unstable)' : '');
  process.stdout.write(
    `${label.padEnd(44)} latents ${shape.join('x').padEnd(14)} bare median ${formatWithInterval(b.medianMs, b.medianCi95Ms, { digits: 2 })} ms${flag(b)}  runtime median ${formatWithInterval(r.medianMs, r.medianCi95Ms, { digits: 2 })} ms${flag(r)}  ratio ${formatWithInterval(ratio, ci, { digits: 4 })}  ${ci[1] <= 1.03 ? 'PASS' : ratio <= 1.03 ? 'PASS (point estimate; interval reaches above 1.03)' : 'FAIL'} (<= 1.03)\n`,
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
