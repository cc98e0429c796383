import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { useScratchDir } from '@evalkit/test-harness';
import { runEvalkit } from './support/evalkit-command';

const root = resolve(__dirname, '../../..');
const reports = join(root, 'fixtures/htp/psydraw-reports');
const run = (args: string[]) => runEvalkit(args, { timeout: 60_000, cwd: root });

describe('evalkit htp evaluate on a folder of PsyDraw report files (every layout, English and Chinese)', () => {
  const scratch = useScratchDir('evalkit-psydraw-');

  it('reads every report, tabulates consistency, the safety-marked share and the token cost, and says what it parsed from where', () => {
    const out = join(scratch.path, 'out');
    const r = run(['htp', 'evaluate', '--outputs', reports, '--labels', join(reports, 'labels.csv'), '--bootstrap', '0', '--out', out]);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.status).toBe(0);
    // Hand-counted from the fixture's README: 5 Warning of 8, 1 of 5 verdicts marked abnormal.
    expect(r.stdout).toMatch(/flagged Warning: 5\/8 = 62\.50%/);
    expect(r.stdout).toMatch(/^Total\s+8\s+5\s+1\s+20\.00\s+\[3\.62, 62\.45\]$/m);
    expect(r.stdout).toMatch(/^Total\s+total\s+8\s+6\s+194,000\s+32,333\s+32,000\s+35,750$/m);
    expect(r.stdout).not.toMatch(/synthetic/i);
    const doc = JSON.parse(readFileSync(join(out, 'htp-consistency.json'), 'utf8'));
    expect(doc.summary.reading).toEqual({
      layouts: { nested: 5, flat: 2, 'signal-only': 1 },
      signalFields: { signal: 6, fix_signal: 1, singal: 1 },
      languages: { en: 4, zh: 4 },
      forms: { heading: 7, bare: 1 },
    });
    expect(doc.summary.safety[0]).toMatchObject({ groupBy: null, group: 'Total', reports: 8, judged: 5, marked: 1, percent: 20 });
    expect(doc.summary.cost[0]).toMatchObject({ group: 'Total', tokens: 'total', counted: 6, sum: 194000, median: 32000, p95: 35750 });
    expect(doc.summary).toMatchObject({ synthetic: false, dataNote: null, skipped: [] });
    expect(doc.summary.paperSource).toMatch(/arXiv 2412\.14769/);
    expect(doc.summary.paperSource).not.toMatch(/design notes|htp\.md/);
    const high = doc.results.find((x: { groupBy: string | null; level: string }) => x.groupBy === null && x.level === 'High');
    expect(high).toMatchObject({ count: 4, denominator: 8, percent: 50 });
  });

  it('fails on a report without an opinion, naming the file and quoting its first heading; --lenient lists it and goes on', () => {
    const folder = join(scratch.path, 'with-bad');
    cpSync(reports, folder, { recursive: true });
    writeFileSync(join(folder, 'd09_result_en.json'), JSON.stringify({ signal: '### Summary:\nThe opinion section is missing.\n' }));
    writeFileSync(join(folder, 'labels.csv'), `${readFileSync(join(reports, 'labels.csv'), 'utf8')}d09_result_en,teacher,High,5\n`);
    const strict = run(['htp', 'evaluate', '--outputs', folder, '--labels', join(folder, 'labels.csv'), '--bootstrap', '0']);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/d09_result_en\.json: case "d09_result_en" field "signal": .*first heading seen: "### Summary:"/);
    const lenient = run(['htp', 'evaluate', '--outputs', folder, '--labels', join(folder, 'labels.csv'), '--bootstrap', '0', '--lenient', '--json']);
    expect(lenient.status).toBe(0);
    const json = JSON.parse(lenient.stdout);
    expect(json.summary.n).toBe(8);
    expect(json.summary.skipped).toEqual([expect.objectContaining({ caseId: 'd09_result_en', source: join(folder, 'd09_result_en.json') })]);
    const text = run(['htp', 'evaluate', '--outputs', folder, '--labels', join(folder, 'labels.csv'), '--bootstrap', '0', '--lenient']);
    expect(text.stdout).toMatch(/Left out under --lenient \(1, no opinion found\):\n {2}.*d09_result_en\.json/);
  });

  it('reads another system\'s signal with --signal-field and --opinion-pattern', () => {
    const folder = join(scratch.path, 'other-system');
    cpSync(reports, folder, { recursive: true, filter: (src) => !src.endsWith('.json') });
    writeFileSync(join(folder, 'a.json'), JSON.stringify({ screening: { summary: 'Risk level: WARNING. Refer to the school counsellor.' } }));
    writeFileSync(join(folder, 'b.json'), JSON.stringify({ screening: { summary: 'Risk level: observation.' } }));
    writeFileSync(join(folder, 'labels.csv'), 'case_id,rater,label\na,t,High\nb,t,Low\n');
    const r = run(['htp', 'evaluate', '--outputs', folder, '--labels', join(folder, 'labels.csv'), '--bootstrap', '0', '--signal-field', 'screening.summary', '--opinion-pattern', 'risk level: (\\w+)', '--json']);
    expect(r.stderr).not.toMatch(/error/);
    const json = JSON.parse(r.stdout);
    expect(json.summary.warning).toMatchObject({ count: 1, n: 2 });
    expect(json.config).toMatchObject({ signalField: 'screening.summary', opinionPattern: 'risk level: (\\w+)' });
    const bad = run(['htp', 'evaluate', '--outputs', folder, '--labels', join(folder, 'labels.csv'), '--opinion-pattern', '(unclosed']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--opinion-pattern.*not a regular expression/);
  });
});
