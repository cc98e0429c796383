import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createResultDocument, createRunManifest, writeResultDocument } from '@evalkit/core';
import { runEvalkit } from './support/evalkit-command';

const run = (args: string[]) => runEvalkit(args, { timeout: 60_000 });
const around = (m: number) => [0.99, 1.0, 1.01, 0.995, 1.005, 1.0, 0.998, 1.002].map((f) => m * f);

// Full rows of each kind (documents are checked against their kind's schema on read); compare reads the
// identity fields, the medians and the raw samples.
function row(kind: 'decoder-bench' | 'kernel-bench', model: string, m: number): Record<string, unknown> {
  const stats = { samples: 8, samplesMs: around(m), meanMs: m, medianMs: m, p99Ms: m * 1.01, sdMs: m * 0.006, minMs: m * 0.99, unstable: false };
  if (kind === 'decoder-bench') {
    return { model, label: model, height: 64, width: 64, latentFrames: 5, outputFrames: 17, runs: 8, widthMult: 1, ...stats, fps: 17000 / m, peakRssBytes: null, params: 1, macs: 1, gflops: 2 / m / 1e6, ceilingFraction: null };
  }
  const shape = { n: 1, c: 1, t: 1, h: 1, w: 1 };
  return { variant: model, variantIndex: 1, label: model, implementation: 'onnx', part: 'full', shape, shapeLabel: '1x1x1x1x1', bytes: 8, macs: 1, state: 'completed', ...stats, gbps: null, gflops: null, fractionOfMemcpy: null, fractionOfMatmul: null, speedupVsVariant1: null };
}

function write(path: string, kind: 'decoder-bench' | 'kernel-bench', medians: Record<string, number>): void {
  const results = Object.entries(medians).map(([model, m]) => row(kind, model, m));
  writeResultDocument(path, createResultDocument(kind, createRunManifest({ tool: 'test', toolVersion: '0' }), results as never, { config: {} }));
}

describe('evalkit compare A.json B.json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evk-compare-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const a = join(dir, 'a.json');
  const b = join(dir, 'b.json');
  write(a, 'decoder-bench', { hunyuanvideo: 5000, 'turbo-vaed-hunyuan': 800, 'turbo-vaed-ltx': 80 });
  write(b, 'decoder-bench', { hunyuanvideo: 4000, 'turbo-vaed-hunyuan': 804, 'turbo-vaed-ltx': 104 });

  it('prints per row B/A with its interval and a verdict beyond the 2% noise threshold, as Markdown', () => {
    const r = run(['compare', a, b, '--markdown']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // 4000 / 5000 = 0.8; 804 / 800 = 1.005 (within the noise); 104 / 80 = 1.3.
    expect(r.stdout).toMatch(/^\| hunyuanvideo 64 64 5 1 \| .* \| 0\.800× \[[\d.]+, [\d.]+\] \| faster \|$/m);
    expect(r.stdout).toMatch(/^\| turbo-vaed-hunyuan 64 64 5 1 \| .* \| 1\.005× \[[\d.]+, [\d.]+\] \| no significant change \|$/m);
    expect(r.stdout).toMatch(/^\| turbo-vaed-ltx 64 64 5 1 \| .* \| 1\.300× \[[\d.]+, [\d.]+\] \| slower \|$/m);
  });

  it('with --noise 0.1% a 0.5% change inside the samples\' own ±1% spread is still no significant change (its interval holds 1); --json', () => {
    const r = run(['compare', a, b, '--noise', '0.1%', '--json']);
    expect(r.status).toBe(0);
    const c = JSON.parse(r.stdout) as { noise: number; changes: { row: string; verdict: string }[] };
    expect(c.noise).toBeCloseTo(0.001, 12);
    expect(c.changes.map((x) => x.verdict)).toEqual(['faster', 'no significant change', 'slower']);
  });

  it('refuses documents of two kinds, naming the file and field, and writes nothing', () => {
    const k = join(dir, 'k.json');
    write(k, 'kernel-bench', { x: 1 });
    const r = run(['compare', a, k]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/EVK_INVALID_INPUT.*k\.json, field "schema", value "evalkit\/kernel-bench@1": documents of different kinds/);
  });
});
