/**
 * Chooses the onnxruntime session options of each zoo decoder by measurement (the table in
 * packages/decoder-zoo/src/session-choice.ts). For every model it runs `evalkit bench decoders`'s
 * library call once with five rows of the same graph, each in its own process, timed interleaved:
 * onnxruntime's defaults (optimisation all, spinning, arena and memory pattern on) and four candidates
 * that change one option each. It prints each candidate's speedup over the defaults with its paired
 * 95% interval and peak RSS, and the choice: the fastest candidate whose whole interval lies above
 * 1.0, else the defaults. Measure on an idle machine; every figure belongs to the machine it ran on.
 *   npx tsx tools/bench/choose-session-options.ts [--models a,b] [--size HxW] [--frames 17] [--min-runs 5]
 *       [--max-runs 10] [--max-time 120] [--pause-ms 300] [--split a,b] [--out DIR]
 * --out DIR writes each model's decoder-bench result documents there. --split names models too
 * large for five processes at once (HunyuanVideo peaks at ~4 GB a process): their candidates are then
 * timed two at a time, each run with its own defaults row.
 */
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createResultDocument, createRunManifest, gitRevision, writeResultDocument } from '@evalkit/core';
import { formatWithInterval, runDecoderBench, systemLoad, type DecoderBenchRow, type DecoderBenchSummary } from '@evalkit/bench';

type DecoderPair = DecoderBenchSummary['pairs'][number];
import { listZooModels } from '@evalkit/decoder-zoo';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

/** onnxruntime's defaults, spelt out so the zoo's current choice does not leak into the baseline. */
const DEFAULTS = '#opt=all#spin=on#arena=on#pattern=on';
/**
 * Rows run in this order every round, each after a pause (--pause-ms, default 300): onnxruntime's
 * threads of the row before spin for a while after its run, and without the pause the row after a
 * spinning one was timed up to 25% slower than after a quiet one (Turbo-VAED-LTX, 0.1 s decodes).
 * Spin-off goes last, so that whatever spin is left favours the defaults, never a candidate.
 */
const CANDIDATES: Record<string, string> = {
  'opt-extended': '#opt=extended#spin=on#arena=on#pattern=on',
  'arena-off': '#opt=all#spin=on#arena=off#pattern=on',
  'pattern-off': '#opt=all#spin=on#arena=on#pattern=off',
  'spin-off': '#opt=all#spin=off#arena=on#pattern=on',
};

async function main(): Promise<void> {
  const models = flag('models', listZooModels().join(',')).split(',');
  const [height, width] = flag('size', '64x64').split('x').map(Number);
  const frames = Number(flag('frames', '17'));
  const sampling = { minRuns: Number(flag('min-runs', '5')), maxRuns: Number(flag('max-runs', '10')), maxTimeMs: Number(flag('max-time', '120')) * 1000, targetCi: 0.03, warmup: 1, pauseMs: Number(flag('pause-ms', '300')) };
  const out = flag('out', '');
  if (out) mkdirSync(out, { recursive: true });
  const threads = availableParallelism();
  const load = await systemLoad();
  process.stdout.write(`${threads} threads, ${height}x${width}, ${frames} frames, seeded full-width graphs; ${sampling.minRuns}-${sampling.maxRuns} interleaved rounds (<= ${sampling.maxTimeMs / 1000} s) per model, ${sampling.pauseMs} ms pause before each run; load before ${load.loadAverage.map((v) => v.toFixed(2)).join(' ')}\n`);
  const split = new Set(flag('split', '').split(',').filter(Boolean));
  const ids = Object.keys(CANDIDATES);
  for (const model of models) {
    const runs = split.has(model) ? [ids.slice(0, 2), ids.slice(2)] : [ids];
    const rows: DecoderBenchRow[] = [];
    const pairs: DecoderPair[] = [];
    for (const [i, ids] of runs.entries()) {
      const outcome = await measure(model, ids, { height, width, frames, threads, sampling });
      // A split model has a defaults row per run; the first stands for the model's defaults.
      rows.push(...outcome.rows.filter((r) => r.model !== 'defaults' || rows.length === 0));
      pairs.push(...outcome.summary.pairs);
      if (out) writeResultDocument(join(out, runs.length > 1 ? `${model}-${i + 1}.json` : `${model}.json`), outcome.document);
    }
    report(model, rows, pairs);
  }
}

interface MeasureOptions {
  height: number;
  width: number;
  frames: number;
  threads: number;
  sampling: { minRuns: number; maxRuns: number; maxTimeMs: number; targetCi: number; warmup: number; pauseMs: number };
}

/** One interleaved run of the defaults and the candidates `ids` of one model. */
async function measure(model: string, ids: readonly string[], o: MeasureOptions) {
  const entries = [`defaults=zoo:${model}${DEFAULTS}`, ...ids.map((id) => `${id}=zoo:${model}${CANDIDATES[id]}`)];
  const startedAt = new Date();
  const { rows, summary, config } = await runDecoderBench({
      models: entries,
      pairs: ids.map((id) => `defaults:${id}`),
    height: o.height,
    width: o.width,
    frames: o.frames,
    threads: o.threads,
    widthMult: 1,
    seed: 0,
    executionProvider: 'cpu',
    sampling: o.sampling,
    ceiling: false,
    pin: true,
    paper: null,
  });
  if (summary.errors.length) throw new Error(`${model}: ${summary.errors.map((e) => `${e.model}: ${e.error}`).join('; ')}`);
  const manifest = createRunManifest({ tool: 'tools/bench/choose-session-options.ts', toolVersion: '1', config, seed: 0, gitRevision: gitRevision(join(__dirname, '..', '..')), startedAt, device: { executionProvider: 'cpu' }, system: summary.system });
  return { rows, summary, document: createResultDocument('decoder-bench', manifest, rows, { config, summary }) };
}

/** Prints one model's candidates against its defaults and the choice. */
function report(model: string, rows: readonly DecoderBenchRow[], pairs: readonly DecoderPair[]): void {
  const base = rows.find((r) => r.model === 'defaults')!;
  const faster = pairs.filter((p) => p.speedupCi95[0] > 1).sort((a, b) => b.speedup - a.speedup);
  process.stdout.write(`\n${model}: defaults ${formatWithInterval(base.medianMs / 1000, [base.medianCi95Ms[0] / 1000, base.medianCi95Ms[1] / 1000], { digits: 3 })} s, peak RSS ${(base.peakRssBytes! / 2 ** 20).toFixed(0)} MB, ${base.samples} rounds\n`);
  for (const p of pairs) {
    const r = rows.find((x) => x.model === p.candidate)!;
    process.stdout.write(`  ${p.candidate.padEnd(13)} ${formatWithInterval(p.speedup, p.speedupCi95, { suffix: 'x', digits: 3 }).padEnd(26)} peak RSS ${(r.peakRssBytes! / 2 ** 20).toFixed(0)} MB, ${p.pairedRuns} rounds${p.unstable ? '  (unstable)' : ''}\n`);
  }
  process.stdout.write(`  choice: ${faster.length ? `${faster[0].candidate} (${formatWithInterval(faster[0].speedup, faster[0].speedupCi95, { suffix: 'x', digits: 2 })} over the defaults)` : 'defaults (no candidate faster with its interval above 1.0)'}\n`);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exitCode = 1;
});
