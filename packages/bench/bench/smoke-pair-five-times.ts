// Benchmark (not a test): is the headline speedup reproducible? Runs the smoke decoder pair
// (HunyuanVideo -> Turbo-VAED-Hunyuan, full width, 64x64, 9 frames: `evalkit repro --profile smoke`'s
// first pair at its size) five times back to back, each time as `evalkit bench decoders` does (both models in their
// own long-lived process, A B interleaved, adaptive sampling), and prints the five speedups with their
// 95% intervals, whether every two intervals overlap, and max/min of the point estimates.
// Target on an idle machine: every pair of intervals overlaps and max/min <= 1.2.
// Run: npx tsx packages/bench/bench/smoke-pair-five-times.ts [minRuns=5] [maxRuns=20] [maxTimeS=90] [repeats=5] [frames=9] [widthMult=1]
// (frames 17 is the paper's clip length; widthMult below 1 only checks that the script runs).
import { availableParallelism } from 'node:os';
import { formatWithInterval, runDecoderBench, systemLoad } from '@evalkit/bench';

async function main(): Promise<void> {
  const [minRuns, maxRuns, maxTimeS, repeats, frames, widthMult] = [5, 20, 90, 5, 9, 1].map((d, i) => Number(process.argv[2 + i] ?? d));
  const threads = availableParallelism();
  const load = await systemLoad();
  process.stdout.write(
    `HunyuanVideo -> Turbo-VAED-Hunyuan, 64x64, ${frames} frames, ${widthMult === 1 ? 'full width' : `width x${widthMult} (a check that the script runs, not the smoke pair)`}, ${threads} threads; ${repeats} runs of ${minRuns}-${maxRuns} interleaved rounds (<= ${maxTimeS} s), target ±5%\n` +
      `load average before: ${load.loadAverage.map((v) => v.toFixed(2)).join(' ')}${load.busiest.length ? `; busiest: ${load.busiest.map((p) => `${p.command} ${p.cpuPercent}%`).join(', ')}` : ''}\n`,
  );
  const results: { speedup: number; ci: [number, number]; rounds: number; stop: string; unstable: boolean }[] = [];
  for (let i = 0; i < repeats; i++) {
    const { rows, summary } = await runDecoderBench({
      models: ['hunyuanvideo', 'turbo-vaed-hunyuan'],
      height: 64,
      width: 64,
      frames,
      threads,
      widthMult,
      seed: 20250101,
      executionProvider: 'cpu',
      sampling: { minRuns, maxRuns, maxTimeMs: maxTimeS * 1000, targetCi: 0.05, warmup: 1 },
      ceiling: false,
      pin: false,
      paper: null,
    });
    const p = summary.pairs[0];
    if (!p) throw new Error(`run ${i + 1} failed: ${summary.errors.map((e) => `${e.model}: ${e.error}`).join('; ')}`);
    results.push({ speedup: p.speedup, ci: p.speedupCi95, rounds: p.pairedRuns, stop: rows[0].stopReason, unstable: p.unstable });
    process.stdout.write(
      `run ${i + 1}: speedup ${formatWithInterval(p.speedup, p.speedupCi95, { suffix: '×', digits: 2 })}  (${p.pairedRuns} rounds, stop ${rows[0].stopReason}; medians ${rows.map((r) => `${r.model} ${(r.medianMs / 1000).toFixed(3)} s, CV ${(100 * r.cv).toFixed(1)}%`).join('; ')})${p.unstable ? '  unstable' : ''}\n`,
    );
  }
  const speedups = results.map((r) => r.speedup);
  let overlapping = true;
  for (let a = 0; a < results.length; a++) for (let b = a + 1; b < results.length; b++) if (results[a].ci[1] < results[b].ci[0] || results[b].ci[1] < results[a].ci[0]) overlapping = false;
  const ratio = Math.max(...speedups) / Math.min(...speedups);
  const after = await systemLoad();
  process.stdout.write(
    `max ${Math.max(...speedups).toFixed(2)}×, min ${Math.min(...speedups).toFixed(2)}×, max/min ${ratio.toFixed(3)} (${ratio <= 1.2 ? 'PASS' : 'FAIL'} <= 1.2); every two intervals overlap: ${overlapping ? 'yes (PASS)' : 'no (FAIL)'}\n` +
      `load average after: ${after.loadAverage.map((v) => v.toFixed(2)).join(' ')}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exitCode = 1;
});
