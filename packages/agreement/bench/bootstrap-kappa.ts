/**
 * Benchmark: a 10,000-resample percentile bootstrap of Cohen's kappa over 290 cases (the PsyDraw
 * study size), ours vs a vectorised numpy reference (tools/htp/agreement_reference.py bench), timed
 * in one run, each as a median with its 95% interval, CV, Tukey outliers and the unstable flag
 * (@evalkit/bench statistics, as every evalkit benchmark prints them), and the ratio of the medians
 * with its bootstrap interval. Target: ours under one second.
 *
 *   npm run bench -w @evalkit/agreement [-- RESAMPLES CASES RUNS]
 */
import { formatWithInterval, independentRatioInterval, sampleStats, type SampleStats } from '@evalkit/bench/statistics';
import { runReferenceScript } from '@evalkit/test-harness';
import { bootstrapCohenKappa, createPrng } from '../src';

const resamples = Number(process.argv[2] ?? 10_000);
const n = Number(process.argv[3] ?? 290);
const runCount = Number(process.argv[4] ?? 9);
const q = 3;
const rng = createPrng(42);
const a = Int32Array.from({ length: n }, () => rng.int(q));
const b = a.map((v) => (rng.next() < 0.7 ? v : rng.int(q)));

/** A timed row as every evalkit benchmark prints it: median [95% CI] in ms, n, CV, Tukey outliers, unstable. */
const row = (s: SampleStats) =>
  `${formatWithInterval(s.medianMs, s.medianCi95Ms, { digits: 1 })} ms (n ${s.samples}, CV ${(100 * s.cv).toFixed(1)}%, ${s.outliers.indices.length} outliers${s.unstable ? `, UNSTABLE: ${s.unstableReasons.join('; ')}` : ''})`;

bootstrapCohenKappa(a, b, q, { resamples: 200, seed: 1 }); // warm-up: let the JIT compile the loop
const runs: number[] = [];
let ci: [number, number] = [0, 0];
for (let i = 0; i < runCount; i++) {
  const t0 = process.hrtime.bigint();
  ci = bootstrapCohenKappa(a, b, q, { resamples, seed: 7 + i }).ci;
  runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
const ours = sampleStats(runs);

let reference: number[] | null = null;
try {
  const out = runReferenceScript('tools/htp/agreement_reference.py', ['bench', String(resamples), String(n), String(q), '7', String(Math.max(3, Math.min(runCount, 5)))]);
  reference = (JSON.parse(out) as { times: number[] }).times;
} catch (error) {
  process.stderr.write(`numpy reference unavailable: ${(error as Error).message}\n`);
}

const lines = [`bootstrap of Cohen's kappa: ${resamples} resamples x ${n} cases, ${q} levels`, `  evalkit: ${row(ours)}; kappa 95% CI [${ci[0].toFixed(4)}, ${ci[1].toFixed(4)}]`];
if (reference === null) lines.push('  numpy reference: not run');
else {
  const ref = sampleStats(reference);
  const ratio = ref.medianMs / ours.medianMs;
  lines.push(`  numpy reference: ${row(ref)}`, `  ratio numpy/evalkit: ${formatWithInterval(ratio, independentRatioInterval(reference, runs), { suffix: 'x', digits: 1 })} (medians, 95% bootstrap interval)`);
}
lines.push(`  target < 1000 ms: ${ours.medianCi95Ms[1] < 1000 ? 'met (the whole interval)' : ours.medianMs < 1000 ? 'met by the median, not by the whole interval' : 'NOT met'}`);
process.stdout.write(`${lines.join('\n')}\n`);
