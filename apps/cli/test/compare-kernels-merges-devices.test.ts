import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEvalkit } from './support/evalkit-command';

const run = (args: string[]) => runEvalkit(args, { timeout: 120_000 });

describe('evalkit compare kernels', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evalkit-compare-kernels-'));
  const one = join(dir, 't1.json');
  const two = join(dir, 't2.json');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(() => {
    // two thread counts stand for two devices
    for (const [threads, out] of [
      ['1', one],
      ['2', two],
    ]) {
      const r = run(['bench', 'kernels', '--variants', '1,6', '--shape', '4,2,4,4', '--time-budget', '5', '--min-samples', '3', '--threads', threads, '--out', out]);
      expect(r.status).toBe(0);
    }
  }, 120_000);

  it('puts each device median side by side and the ratio 6 / 1 per device', () => {
    const r = run(['compare', 'kernels', one, two, '--json']);
    expect(r.status).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.devices.map((d: { threads: number }) => d.threads)).toEqual([1, 2]);
    expect(c.devices[0].label).toMatch(/1 thr$/);
    const docs = [one, two].map((f) => JSON.parse(readFileSync(f, 'utf8')));
    const median = (d: { results: { variant: string; implementation: string; part: string; medianMs: number }[] }, v: string) =>
      d.results.find((x) => x.variant === v && x.implementation === 'onnx' && x.part === 'full')!.medianMs;
    const full6 = c.rows.find((x: { variant: string; implementation: string; part: string }) => x.variant === '6' && x.implementation === 'onnx' && x.part === 'full');
    expect(full6.medianMs).toEqual([median(docs[0], '6'), median(docs[1], '6')]);
    const ratio = c.ratios.find((x: { variant: string; implementation: string; part: string }) => x.variant === '6' && x.implementation === 'onnx' && x.part === 'full');
    expect(ratio.baseline).toBe('1');
    expect(ratio.ratio[0]).toBeCloseTo(median(docs[0], '6') / median(docs[0], '1'), 12);
    expect(ratio.ratio[1]).toBeCloseTo(median(docs[1], '6') / median(docs[1], '1'), 12);
  });

  it('prints Markdown tables', () => {
    const r = run(['compare', 'kernels', one, two, '--markdown']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\| variant \| shape \| impl \| part \| \[1\] median ms \| \[2\] median ms \|$/m);
    expect(r.stdout).toMatch(/^\| 6 \/ 1 \| 4x2x4x4 \| onnx \| full \| [\d.]+ \| [\d.]+ \|$/m);
  });

  it('refuses a document of another kind, naming the file and field', () => {
    const other = join(dir, 'other.json');
    const doc = JSON.parse(readFileSync(one, 'utf8'));
    writeFileSync(other, JSON.stringify({ ...doc, schema: 'evalkit/agreement@1' }));
    const r = run(['compare', 'kernels', one, other]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/EVK_INVALID_INPUT.*other\.json.*field "schema".*"evalkit\/agreement@1"/);
  });
});
