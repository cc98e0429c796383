/**
 * Benchmark: a 10,000-resample percentile bootstrap of Cohen's kappa over 290 cases (the PsyDraw
 * study size), ours vs a vectorised numpy reference (tools/htp/agreement_reference.py bench), in
 * one run, with the ratio. Target: ours under one second.
 *
 *   npm run bench -w @evalkit/agreement [-- RESAMPLES CASES]
 */
import { runReferenceScript } from '@evalkit/test-harness';
import { bootstrapCohenKappa, createPrng } from '../src';

const resamples = Number(process.argv[2] ?? 10_000);
const n = Number(process.argv[3] ?? 290);
const q = 3;
const rng = createPrng(42);
const a = Int32Array.from({ length: n }, () => rng.int(q));
const b = a.map((v) => (rng.next() < 0.7 ? v : rng.int(q)));

bootstrapCohenKappa(a, b, q, { resamples: 200, seed: 1 }); // warm-up: let the JIT compile the loop
const runs: number[] = [];
let ci: [number, number] = [0, 0];
for (let i = 0; i < 5; i++) {
  const t0 = process.hrtime.bigint();
  ci = bootstrapCohenKappa(a, b, q, { resamples, seed: 7 + i }).ci;
  runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
runs.sort((x, y) => x - y);
const ours = runs[Math.floor(runs.length / 2)];

let reference: number | null = null;
try {
  const out = runReferenceScript('tools/htp/agreement_reference.py', ['bench', String(resamples), String(n), String(q), '7']);
  reference = (JSON.parse(out) as { ms: number }).ms;
} catch (error) {
  process.stderr.write(`numpy reference unavailable: ${(error as Error).message}\n`);
}

process.stdout.write(
  [
    `bootstrap of Cohen's kappa: ${resamples} resamples x ${n} cases, ${q} levels`,
    `  evalkit (median of 5): ${ours.toFixed(1)} ms  (min ${runs[0].toFixed(1)}, max ${runs[runs.length - 1].toFixed(1)}); 95% CI [${ci[0].toFixed(4)}, ${ci[1].toFixed(4)}]`,
    reference === null ? '  numpy reference: not run' : `  numpy reference (one run): ${reference.toFixed(1)} ms  ratio numpy/evalkit = ${(reference / ours).toFixed(1)}x`,
    `  target < 1000 ms: ${ours < 1000 ? 'met' : 'NOT met'}`,
  ].join('\n') + '\n',
);
