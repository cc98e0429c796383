import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assertClose } from '@evalkit/test-harness';
import { goldenTable1 } from '../../../tools/htp/golden-cases';
import { runEvalkit } from './support/evalkit-command';

const root = resolve(__dirname, '../../..');
const study = join(root, 'fixtures/htp/synthetic-study');
const run = (args: string[]) => runEvalkit(args, { timeout: 60_000, cwd: root });

interface Row { groupBy: string | null; group: string; level: string; count: number; denominator: number; percent: number; wilsonLow: number; wilsonHigh: number; bootLow: number | null; bootHigh: number | null; paperPercent: number | null }

describe('evalkit htp evaluate on the synthetic study', () => {
  const golden = goldenTable1();
  const expected = golden.expected as {
    total_pct: Record<string, number>; warning_pct: Record<string, number>; observation_pct: Record<string, number>;
    warning_share_pct: number; wilson95_pct: Record<string, [number, number]>;
  };
  const tol = golden.tolerance as number;
  let dir: string;
  let human: string;
  let doc: { schema: string; config: Record<string, unknown>; results: Row[]; summary: { n: number; rated: number; unrated: number; warning: { count: number; percent: number; wilsonLow: number; wilsonHigh: number; paperPercent: number } }; manifest: Record<string, unknown> };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'evalkit-htp-'));
    const r = run(['htp', 'evaluate', '--outputs', join(study, 'outputs.jsonl'), '--labels', join(study, 'labels.csv'), '--group-by', 'grade', '--seed', '7', '--bootstrap', '2000', '--out', dir]);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.status).toBe(0);
    human = r.stdout;
    doc = JSON.parse(readFileSync(join(dir, 'htp-consistency.json'), 'utf8'));
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const pct = (group: string, groupBy: string | null, level: string) => doc.results.find((r) => r.group === group && r.groupBy === groupBy && r.level === level)!;

  it('prints the paper\'s Table 1 percentages (over 290, one report unrated)', () => {
    for (const level of ['High', 'Moderate', 'Low']) {
      expect(Math.abs(pct('Total', null, level).percent - expected.total_pct[level])).toBeLessThanOrEqual(tol);
      expect(Math.abs(pct('Warning', 'signal', level).percent - expected.warning_pct[level])).toBeLessThanOrEqual(tol);
      expect(Math.abs(pct('Observation', 'signal', level).percent - expected.observation_pct[level])).toBeLessThanOrEqual(tol);
    }
    expect(pct('Total', null, 'High')).toMatchObject({ count: 206, denominator: 290 });
    expect(pct('Warning', 'signal', 'High')).toMatchObject({ count: 53, denominator: 90 });
    expect(doc.summary).toMatchObject({ n: 290, rated: 289, unrated: 1 });
    expect(Math.abs(doc.summary.warning.percent - expected.warning_share_pct)).toBeLessThanOrEqual(tol);
    for (const line of [
      /Total\s+High\s+206\s+290\s+71\.03\s+\[65\.57, 75\.95\]/,
      /Total\s+Moderate\s+76\s+290\s+26\.21\s+\[21\.48, 31\.56\]/,
      /Total\s+Low\s+7\s+290\s+2\.41\s+\[1\.17, 4\.90\]/,
      /signal=Warning\s+High\s+53\s+90\s+58\.89/,
      /signal=Warning\s+Moderate\s+32\s+90\s+35\.56/,
      /signal=Warning\s+Low\s+4\s+90\s+4\.44/,
      /signal=Observation\s+High\s+153\s+200\s+76\.50/,
      /signal=Observation\s+Moderate\s+44\s+200\s+22\.00/,
      /signal=Observation\s+Low\s+3\s+200\s+1\.50/,
      /flagged Warning: 90\/290 = 31\.03% Wilson 95% \[25\.99, 36\.58\]/,
    ]) expect(human).toMatch(line);
  });

  it('gives the Wilson intervals of htp.md', () => {
    for (const level of ['High', 'Moderate', 'Low']) {
      const row = pct('Total', null, level);
      expect(Math.abs(row.wilsonLow - expected.wilson95_pct[level][0])).toBeLessThanOrEqual(tol);
      expect(Math.abs(row.wilsonHigh - expected.wilson95_pct[level][1])).toBeLessThanOrEqual(tol);
    }
    expect(Math.abs(doc.summary.warning.wilsonLow - expected.wilson95_pct.Warning[0])).toBeLessThanOrEqual(tol);
    expect(Math.abs(doc.summary.warning.wilsonHigh - expected.wilson95_pct.Warning[1])).toBeLessThanOrEqual(tol);
  });

  it('places the paper\'s numbers beside ours and bootstrap bounds around each share', () => {
    expect(pct('Warning', 'signal', 'Moderate').paperPercent).toBe(35.56);
    expect(pct('3', 'grade', 'High').paperPercent).toBeNull();
    for (const r of doc.results) {
      expect(r.bootLow!).toBeLessThanOrEqual(r.percent + 1e-9);
      expect(r.bootHigh!).toBeGreaterThanOrEqual(r.percent - 1e-9);
    }
    // 145 third- and 145 fifth-graders.
    expect(pct('3', 'grade', 'High').denominator + pct('5', 'grade', 'High').denominator).toBe(290);
  });

  it('writes an htp-consistency result document per docs/result-documents.md, plus CSV and Markdown', () => {
    expect(doc.schema).toBe('evalkit/htp-consistency@1');
    expect(doc.config).toMatchObject({ groupBy: 'grade', denominatorPolicy: 'all', seed: 7, bootstrapResamples: 2000 });
    expect(doc.manifest).toMatchObject({ seed: 7, tool: 'evalkit htp evaluate' });
    for (const field of ['groupBy', 'group', 'level', 'count', 'denominator', 'percent', 'wilsonLow', 'wilsonHigh', 'bootLow', 'bootHigh', 'paperPercent']) expect(doc.results[0]).toHaveProperty(field);
    expect(doc.summary.warning).toMatchObject({ count: 90, paperPercent: 31.03 });
    expect(doc.summary).toMatchObject({ synthetic: true, dataNote: "synthetic study constructed to the paper's published counts: checks the pipeline, not PsyDraw" });
    expect(pct('Warning', 'signal', 'Moderate')).toMatchObject({ paperPercent: 35.56, paperPrinted: 26.21 });
    expect(pct('Total', null, 'Moderate')).toMatchObject({ paperPercent: 26.21, paperPrinted: 26.21, paperNote: null });
    expect(human).toMatch(/^Synthetic data: synthetic study constructed to the paper's published counts: checks the pipeline, not PsyDraw\.$/m);
    expect(human).toMatch(/signal=Warning\s+Moderate\s+32\s+90\s+35\.56\s.*26\.21 †/);
    const csv = readFileSync(join(dir, 'htp-consistency.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('groupBy,group,level,count,denominator,percent,wilsonLow,wilsonHigh,bootLow,bootHigh,paperPercent,paperPrinted');
    // The rows, then two footnote rows: what the data is, and the corrected paper cell.
    expect(csv).toHaveLength(1 + doc.results.length + 2);
    expect(csv[1 + doc.results.length]).toMatch(/^"note: synthetic study constructed to the paper's published counts: checks the pipeline, not PsyDraw",+$/);
    expect(csv[2 + doc.results.length]).toMatch(/^"note: † Warning\/Moderate: compared with 35\.56\. Table 1 prints 26\.21/);
    const md = readFileSync(join(dir, 'htp-consistency.md'), 'utf8');
    expect(md).toMatch(/\| Total \| High \| 206 \| 290 \| 71\.03 \| \[65\.57, 75\.95\]/);
    expect(md).toMatch(/^# HTP consistency \(synthetic study\)$/m);
    expect(md).toMatch(/\| signal=Warning \| Moderate \| 32 \| 90 \| 35\.56 \| .* \| 26\.21 † \|/);
    expect(existsSync(join(dir, 'agreement.json'))).toBe(false); // one rater, nothing to agree on
  });

  it('divides by rated cases only with --denominator rated, and the same seed gives the same bootstrap', () => {
    const a = JSON.parse(run(['htp', 'evaluate', '--outputs', join(study, 'outputs.jsonl'), '--labels', join(study, 'labels.csv'), '--denominator', 'rated', '--bootstrap', '500', '--seed', '5', '--json']).stdout);
    const b = JSON.parse(run(['htp', 'evaluate', '--outputs', join(study, 'outputs.jsonl'), '--labels', join(study, 'labels.csv'), '--denominator', 'rated', '--bootstrap', '500', '--seed', '5', '--json']).stdout);
    const high = a.results.find((r: Row) => r.groupBy === null && r.level === 'High');
    expect(high.denominator).toBe(289);
    expect(high.percent).toBeCloseTo((100 * 206) / 289, 10);
    expect(a.results).toEqual(b.results);
  }, 60_000);

  it('reports inter-rater agreement and writes an agreement document when there are two raters', () => {
    const out = mkdtempSync(join(tmpdir(), 'evalkit-htp2-'));
    try {
      const r = run(['htp', 'evaluate', '--outputs', join(study, 'outputs.jsonl'), '--labels', join(study, 'labels-two-raters.csv'), '--bootstrap', '0', '--out', out]);
      expect(r.status).toBe(0);
      const agreement = JSON.parse(readFileSync(join(out, 'agreement.json'), 'utf8'));
      expect(agreement.schema).toBe('evalkit/agreement@1');
      expect(agreement.summary.raters).toEqual(['teacher', 'simulated counsellor']);
      expect(agreement.summary).toMatchObject({ synthetic: true, dataNote: expect.stringMatching(/^synthetic study/) });
      expect(agreement.results.map((x: { statistic: string }) => x.statistic)).toEqual(expect.arrayContaining(['percent_agreement', 'cohen_kappa', 'fleiss_kappa', 'krippendorff_alpha', 'gwet_ac1', 'gwet_ac2']));
      // Values derived by hand from the file's counts (teacher rows x counsellor columns, Low/Moderate/High):
      //   [[7, 0, 0], [2, 70, 4], [0, 49, 157]] over the 289 cases both rated; one case only the counsellor
      //   rated (Moderate). Row sums 7, 76, 206; column sums 9, 119, 161.
      //   agreement 234/289; chance (7·9 + 76·119 + 206·161)/289² = 42273/83521, so
      //   kappa = (234·289 − 42273)/(289² − 42273) = 25353/41248;
      //   quadratic weights 1, 3/4, 0 by distance: observed 275.25/289, chance 70973.25/83521, so
      //   kappa_q = (275.25·289 − 70973.25)/(83521 − 70973.25) = 8574/12547.75;
      //   Gwet's AC1 takes level shares over every rated case (Gwet 2014, the single rating counts):
      //   π = (8, 98.5, 183.5)/290, chance = ½ Σ π(1 − π), AC1 = (234/289 − chance)/(1 − chance).
      const value = (statistic: string, variant: string) => agreement.results.find((x: { statistic: string; variant: string }) => x.statistic === statistic && x.variant === variant)?.value;
      const pi = [8 / 290, 98.5 / 290, 183.5 / 290];
      const chance = pi.reduce((s, p) => s + p * (1 - p), 0) / 2;
      assertClose(value('percent_agreement', 'unweighted'), 234 / 289, 1e-12, 'percent agreement');
      assertClose(value('cohen_kappa', 'unweighted'), 25353 / 41248, 1e-12, 'Cohen kappa');
      assertClose(value('cohen_kappa', 'quadratic'), 8574 / 12547.75, 1e-12, 'quadratic kappa');
      assertClose(value('gwet_ac1', 'unweighted'), (234 / 289 - chance) / (1 - chance), 1e-12, 'Gwet AC1');
      expect(r.stdout).toMatch(/Agreement among raters/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);

  it('derives consistency from structured expert labels and compares signals system vs expert', () => {
    const r = run(['htp', 'evaluate', '--outputs', join(study, 'outputs.jsonl'), '--labels', join(study, 'structured-labels.csv'), '--bootstrap', '0', '--json']);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.summary.mode).toBe('structured');
    expect(json.agreementKind).toBe('system-vs-expert');
    expect(json.agreement.raters).toEqual(['system', 'psychologist']);
    const total = json.results.filter((x: Row) => x.groupBy === null).reduce((s: number, x: Row) => s + x.count, 0);
    expect(total).toBe(290);
  }, 60_000);
});
