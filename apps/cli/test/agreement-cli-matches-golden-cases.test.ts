import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { assertClose } from '@evalkit/test-harness';
import { atPath, goldenCsv, goldenRatingsCases, type GoldenRatingsCase } from '../../../tools/htp/golden-cases';

const bin = resolve(__dirname, '../bin/evalkit.js');
const run = promisify(execFile);

/** Runs `evalkit agreement --json` on a case written to a temporary CSV. */
async function agreementJson(dir: string, c: GoldenRatingsCase): Promise<unknown> {
  const csv = join(dir, `${c.id}.csv`);
  writeFileSync(csv, goldenCsv(c));
  const args = [bin, 'agreement', '--ratings', csv, '--json', ...(c.levels ? ['--levels', c.levels.join(',')] : [])];
  const { stdout } = await run(process.execPath, args, { encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(stdout);
}

describe('evalkit agreement reproduces the published golden cases', () => {
  const cases = goldenRatingsCases();
  let dir: string;
  const results = new Map<string, unknown>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'evalkit-agreement-'));
    // Two at a time: one per core, so the whole batch takes a few seconds.
    for (let i = 0; i < cases.length; i += 2) {
      const batch = cases.slice(i, i + 2);
      const out = await Promise.all(batch.map((c) => agreementJson(dir, c)));
      batch.forEach((c, k) => results.set(c.id, out[k]));
    }
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const json = results.get(c.id);
    // A case without checks, or a check without a number or tolerance, fails (assertClose refuses NaN and missing values).
    expect(c.checks.length).toBeGreaterThan(0);
    for (const check of c.checks) assertClose(atPath(json, check.path), check.expected, check.tolerance, `${c.id} ${check.path} (${c.source})`);
  });

  it('prints every field of the documented JSON shape', () => {
    const json = results.get('cohen-sas-table10') as Record<string, Record<string, unknown>>;
    expect(typeof json.percentAgreement).toBe('number');
    expect(Object.keys(json.cohen)).toEqual(expect.arrayContaining(['kappa', 'linear', 'quadratic', 'ase', 'ci95']));
    expect(Object.keys(json.fleiss)).toContain('kappa');
    expect(Object.keys(json.krippendorff)).toEqual(expect.arrayContaining(['nominal', 'ordinal', 'interval', 'ratio']));
    expect(Object.keys(json.gwet)).toEqual(expect.arrayContaining(['ac1', 'ac2Linear', 'ac2Quadratic']));
    // The SAS table has 19 cases, 0 + 8 + 5 = 13 on the diagonal.
    expect(json.percentAgreement).toBeCloseTo((100 * 13) / 19, 10);
  });

  it('writes an agreement result document with --out', async () => {
    const c = cases.find((x) => x.id === 'cohen-3cat')!;
    const csv = join(dir, 'doc.csv');
    writeFileSync(csv, goldenCsv(c));
    const out = join(dir, 'agreement.json');
    await run(process.execPath, [bin, 'agreement', '--ratings', csv, '--out', out, '--bootstrap', '2000', '--seed', '3'], { encoding: 'utf8' });
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.schema).toBe('evalkit/agreement@1');
    expect(doc.manifest.seed).toBe(3);
    expect(doc.config).toMatchObject({ scale: 'ordinal', levels: ['0', '1', '2'] });
    const kappa = doc.results.find((r: { statistic: string; variant: string }) => r.statistic === 'cohen_kappa' && r.variant === 'unweighted');
    expect(kappa.value).toBeCloseTo(0.8013, 4);
    expect(kappa.ciLow).toBeLessThan(kappa.value);
    expect(doc.summary.cohenBootstrap.ci95[0]).toBeLessThan(0.8013);
    expect(doc.summary.cohenBootstrap.ci95[1]).toBeGreaterThan(0.8013);
    expect(doc.summary).toMatchObject({ synthetic: false, dataNote: null });
  }, 60_000); // a child process: seconds on a loaded 2-core machine

  it('says the synthetic study is synthetic and names the simulated rater', async () => {
    const ratings = resolve(__dirname, '../../../fixtures/htp/synthetic-study/labels-two-raters.csv');
    const out = join(dir, 'synthetic.json');
    const { stdout } = await run(process.execPath, [bin, 'agreement', '--ratings', ratings, '--out', out], { encoding: 'utf8' });
    expect(stdout.split('\n')[0]).toBe("Synthetic data: synthetic study constructed to the paper's published counts: checks the pipeline, not PsyDraw.");
    expect(stdout).toMatch(/2 raters \(teacher, simulated counsellor\)/);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.summary).toMatchObject({ synthetic: true, raters: ['teacher', 'simulated counsellor'] });
  }, 60_000);
});
