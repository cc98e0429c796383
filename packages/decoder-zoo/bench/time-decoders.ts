// Quick efficiency check of the zoo graphs on onnxruntime CPU (not the official benchmark, which is
// `evalkit bench decoders`). Builds full-width graphs at 17x64x64, times 1 warm-up + 2 runs each, and a
// 1024^3 MatMul ceiling in the same process. Run under the shared lock:
//   flock /tmp/evalkit-bench.lock npx tsx packages/decoder-zoo/bench/time-decoders.ts [names...]
import * as ort from 'onnxruntime-node';
import { GraphBuilder, matmul } from '@evalkit/onnx-graph';
import { buildZooModel, type ZooModelName } from '../src';

const threads = Number(process.env.THREADS ?? 2);
const options: ort.InferenceSession.SessionOptions = { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all', logSeverityLevel: 3 };

async function timeSession(bytes: Uint8Array, feeds: Record<string, ort.Tensor>, runs: number): Promise<number[]> {
  const session = await ort.InferenceSession.create(bytes, options);
  await session.run(feeds); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await session.run(feeds);
    times.push(performance.now() - t0);
  }
  await session.release();
  return times;
}

async function matmulCeiling(): Promise<number> {
  const n = 1024;
  const g = new GraphBuilder({ seed: 1 });
  const a = g.input('a', [n, n]);
  const b = g.parameter('b', [n, n], { kind: 'uniform', bound: 1 });
  g.output(matmul(g, a, b), 'y');
  const times = await timeSession(g.toBytes(), { a: new ort.Tensor('float32', new Float32Array(n * n).fill(0.5), [n, n]) }, 5);
  return (2 * n ** 3) / (Math.min(...times) / 1000) / 1e9;
}

async function main(): Promise<void> {
  const names = (process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['turbo-vaed-hunyuan', 'hunyuanvideo', 'cogvideox', 'turbo-vaed-ltx']) as ZooModelName[];
  const ceiling = await matmulCeiling();
  console.log(`onnxruntime-node ${ort.env.versions.node ?? ''}, ${threads} threads; MatMul 1024^3 ceiling ${ceiling.toFixed(1)} GFLOP/s`);
  for (const name of names) {
    const latentFrames = name.includes('ltx') ? 3 : 5;
    const t0 = performance.now();
    const build = buildZooModel(name, { height: 64, width: 64, latentFrames, seed: 0 });
    const bytes = build.graph.toBytes();
    const buildMs = performance.now() - t0;
    const n = build.inputShape.reduce((a, b) => a * b, 1);
    const latent = new ort.Tensor('float32', Float32Array.from({ length: n }, (_, i) => Math.sin(i)), build.inputShape);
    const times = await timeSession(bytes, { latent }, 2);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    const best = Math.min(...times);
    const gflops = (2 * build.macs) / (best / 1000) / 1e9;
    console.log(
      `${name.padEnd(20)} ${build.outputShape.join('x')}  runs ${times.map((t) => (t / 1000).toFixed(2)).join(', ')} s  ` +
        `(best ${(best / 1000).toFixed(2)} s, ${gflops.toFixed(1)} GFLOP/s = ${((100 * gflops) / ceiling).toFixed(0)}% of ceiling; ${(build.macs / 1e9).toFixed(1)} GMAC; build ${(buildMs / 1000).toFixed(1)} s; mean ${(mean / 1000).toFixed(2)} s)`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
