import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useScratchDir } from '@evalkit/test-harness';
import { runEvalkit } from './support/evalkit-command';

const run = (args: string[]) => runEvalkit(args, { timeout: 120_000 });

// Tiny frames and two runs: checks what the command prints and writes, not any speed.
describe('evalkit bench metrics', () => {
  const scratch = useScratchDir('evalkit-bench-metrics-');

  it('prints every row with its interval, the ratios and the ceilings, and writes a metrics-bench document', () => {
    const out = join(scratch.path, 'm.json');
    const r = run(['bench', 'metrics', '--width', '192', '--height', '176', '--frames', '2', '--threads', '2', '--runs', '2', '--warmup', '0', '--reference-runs', '2', '--no-skimage', '--out', out]);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/SSIM \(RGB pair\) +evalkit +2 +[\d.]+ \[[\d.]+, [\d.]+\]/);
    expect(r.stdout).toMatch(/SSIM \(RGB pair\) +scikit-image +1 +skipped: left out \(--no-skimage\)/);
    expect(r.stdout).toMatch(/SSIM, evalkit 1 thread \/ 2 threads: [\d.]+x \[[\d.]+, [\d.]+\]/);
    expect(r.stdout).toMatch(/fp64 FMA peak, one core: /);
    expect(r.stdout).toMatch(/memory: STREAM copy [\d.]+ GB\/s/);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.schema).toBe('evalkit/metrics-bench@1');
    expect(doc.config).toMatchObject({ width: 192, height: 176, frames: 2, threads: 2, skimage: false });
    const evalkitRows = doc.results.filter((x: { implementation: string }) => x.implementation === 'evalkit');
    expect(evalkitRows.map((x: { task: string; threads: number }) => `${x.task}@${x.threads}`)).toEqual(['ssim@1', 'ssim@2', 'ms-ssim@1', 'ms-ssim@2', 'psnr@1', 'flicker@1', 'ssim-luma@1']);
    for (const row of evalkitRows) expect(row).toMatchObject({ state: 'completed', samples: 2 });
    expect(doc.summary.ceilings.stream.copyGBps).toBeGreaterThan(0);
  });

  it('refuses --min-runs above --max-runs as a usage error (exit 2)', () => {
    const r = run(['bench', 'metrics', '--min-runs', '5', '--max-runs', '2', '--no-skimage']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--min-runs/);
  });
});
