/**
 * Times `renderReport` on the fixture runs (laptop + phone: 10 documents of every kind, two
 * devices): a cold render in a fresh process (vega import, esbuild bundle of the viewer, 9 figures
 * to SVG and PNG, 9 tables, the HTML page) and warm renders after it.
 *   flock /tmp/evalkit-bench.lock npx tsx tools/report/time-report.ts
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderReport } from '../../apps/report/src';
import { writeFixtureRuns } from '../../apps/report/test/fixtures/build-fixture-runs';

async function main(): Promise<void> {
  // Drop the on-disk viewer bundle so the first render pays for bundling, as on a fresh machine.
  for (const name of readdirSync(tmpdir())) if (name.startsWith('evalkit-report-viewer_')) rmSync(join(tmpdir(), name), { force: true });
  const root = mkdtempSync(join(tmpdir(), 'evalkit-report-time-'));
  try {
    const runs = writeFixtureRuns(root);
    const rows: string[] = [];
    for (let i = 0; i < 4; i++) {
      const t = performance.now();
      const r = await renderReport({ runDirs: [runs.laptop, runs.phone], outDir: join(root, `out-${i}`) });
      const ms = performance.now() - t;
      const phases = Object.entries(r.timingsMs).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
      rows.push(`${i === 0 ? 'cold' : 'warm'} render ${i}: ${(ms / 1000).toFixed(2)} s (${r.figures.length} figures, ${r.tables.length} tables, ${r.documents} documents; ms: ${phases})`);
    }
    process.stdout.write(`${rows.join('\n')}\n`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
