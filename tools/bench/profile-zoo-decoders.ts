/**
 * Where onnxruntime's CPU time goes in every zoo decoder, by operator type: builds each decoder
 * (seeded weights) for 17 frames at 64x64, runs it with onnxruntime's profiler, and prints the
 * median run time and the kernel time per op type (the same summing as `evalkit decode --profile`).
 * The run times include the profiler's own overhead: for speed, use `evalkit bench decoders`.
 *   npx tsx tools/bench/profile-zoo-decoders.ts [--models a,b] [--runs N] [--threads N] [--spinning on|off] [--size HxW] [--frames F] [--nodes N] [--json FILE]
 * --nodes N also lists the N nodes with the most kernel time per model.
 * Figures are only meaningful on an idle machine; under load they are indicative.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildZooModel, latentFramesFor, listZooModels } from '@evalkit/decoder-zoo';
import { sampleStats } from '@evalkit/bench/statistics';
import { DecoderSession, randomLatents, readOpTypeProfile } from '@evalkit/decoder-runtime';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

interface NodeTime {
  node: string;
  opType: string;
  ms: number;
}

/** Kernel time per node (summed over runs), largest first: which Conv of a type costs most. */
function nodeTimes(trace: string): NodeTime[] {
  const events = JSON.parse(readFileSync(trace, 'utf8')) as { cat?: string; name?: string; dur?: number; args?: { op_name?: string } }[];
  const byNode = new Map<string, NodeTime>();
  for (const e of events) {
    if (e.cat !== 'Node' || typeof e.name !== 'string' || !e.name.endsWith('_kernel_time')) continue;
    const node = e.name.slice(0, -'_kernel_time'.length);
    const entry = byNode.get(node) ?? { node, opType: e.args?.op_name ?? '?', ms: 0 };
    entry.ms += (e.dur ?? 0) / 1000;
    byNode.set(node, entry);
  }
  return [...byNode.values()].sort((a, b) => b.ms - a.ms);
}

async function main(): Promise<void> {
  const models = flag('models', listZooModels().join(',')).split(',');
  const runs = Number(flag('runs', '2'));
  const threads = Number(flag('threads', '2'));
  const [height, width] = flag('size', '64x64').split('x').map(Number);
  const frames = Number(flag('frames', '17'));
  const topNodes = Number(flag('nodes', '0'));
  const jsonOut = flag('json', '');
  const spinning = flag('spinning', '');
  const allowSpinning = spinning === '' ? undefined : spinning === 'on';
  const dir = mkdtempSync(join(tmpdir(), 'evalkit-zoo-profile-'));
  const results: Record<string, unknown>[] = [];
  try {
    for (const model of models) {
      const build = buildZooModel(model, { height, width, latentFrames: latentFramesFor(model, frames) });
      const trace = join(dir, `${model}.json`);
      const session = await DecoderSession.open(build.graph.toBytes(), { threads, allowSpinning, profilePath: trace, source: `zoo:${model}` });
      const latent = randomLatents(build.inputShape, 0);
      await session.decode(latent);
      const times: number[] = [];
      for (let r = 0; r < runs; r++) {
        const t = performance.now();
        await session.decode(latent);
        times.push(performance.now() - t);
      }
      await session.release();
      const median = sampleStats(times).medianMs;
      const ops = readOpTypeProfile(trace);
      const line = ops.slice(0, 6).map((o) => `${o.opType} ${(o.share * 100).toFixed(1)}%`).join(', ');
      process.stdout.write(`${model.padEnd(19)} ${(median / 1000).toFixed(3).padStart(7)} s  ${line}\n`);
      if (topNodes > 0) for (const n of nodeTimes(trace).slice(0, topNodes)) process.stdout.write(`    ${n.opType.padEnd(22)} ${n.ms.toFixed(1).padStart(8)} ms  ${n.node}\n`);
      results.push({ model, medianMs: median, runsMs: times, opTypes: ops });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify(results, null, 1));
}

void main();
