import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useScratchDir } from '@evalkit/test-harness';
import { runEvalkit } from './support/evalkit-command';

const run = (args: string[]) => runEvalkit(args, { timeout: 60_000 });

const record = (id: string, signal = 'Observation') => ({ case_id: id, overall: { feature: '', analysis: '' }, merge: '', final: '', signal, usage: { total: 1, prompt: 1, completion: 0 }, classification: true, fix_signal: null });

describe('evalkit htp evaluate and evalkit agreement reject bad input with the offending rows', () => {
  const scratch = useScratchDir('evalkit-htp-bad-');
  let outputs: string;
  beforeAll(() => {
    outputs = join(scratch.path, 'outputs.jsonl');
    writeFileSync(outputs, ['a', 'b', 'c'].map((id) => JSON.stringify(record(id))).join('\n'));
  });

  /** Writes `text` to a CSV, runs evaluate with --out, and returns the result; checks nothing was written. */
  function evaluate(name: string, text: string, outputsPath = outputs) {
    const labels = join(scratch.path, name);
    writeFileSync(labels, text);
    const out = join(scratch.path, `out-${name}`);
    const r = run(['htp', 'evaluate', '--outputs', outputsPath, '--labels', labels, '--out', out, '--bootstrap', '0']);
    let written: string[];
    try {
      written = readdirSync(out);
    } catch {
      written = [];
    }
    return { ...r, written };
  }

  it('unknown labels: names the file, every offending line and the accepted levels', () => {
    const r = evaluate('unknown.csv', 'case_id,rater,label\na,t,High\nb,t,Hihg\nc,t,Excellent\n');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/EVK_INVALID_INPUT/);
    expect(r.stderr).toMatch(/unknown\.csv/);
    expect(r.stderr).toMatch(/line 3: case "b" rater "t" label "Hihg"/);
    expect(r.stderr).toMatch(/line 4: case "c" rater "t" label "Excellent"/);
    expect(r.stderr).toMatch(/accepted: "Low", "Moderate", "High", "Matching"/);
    expect(r.written).toEqual([]);
  });

  it('duplicate rows in the long layout: lists both lines', () => {
    const r = evaluate('dup-long.csv', 'case_id,rater,label\na,t,High\nb,t,Low\nc,t,Low\na,t,Moderate\n');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/duplicate rows/);
    expect(r.stderr).toMatch(/line 5: case "a" rater "t" already on line 2/);
    expect(r.written).toEqual([]);
  });

  it('duplicate rows in the wide layout', () => {
    const r = evaluate('dup-wide.csv', 'case_id,t1,t2\na,High,High\nb,Low,Low\nc,Low,Low\nb,Low,High\n');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/line 5: case "b" already on line 3/);
  });

  it('a case with an output but no label row', () => {
    const r = evaluate('missing-label.csv', 'case_id,rater,label\na,t,High\nb,t,Low\n');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/cases with an output but no label row/);
    expect(r.stderr).toMatch(/case "c" \(.*outputs\.jsonl:3\)/);
    expect(r.written).toEqual([]);
  });

  it('a label for a case without an output', () => {
    const r = evaluate('orphan.csv', 'case_id,rater,label\na,t,High\nb,t,Low\nc,t,Low\nzz,t,High\n');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/labels for cases that have no output/);
    expect(r.stderr).toMatch(/line 5: case "zz"/);
  });

  it('an empty label file, and a header without rows', () => {
    let r = evaluate('empty.csv', '');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/empty\.csv.*empty file/);
    r = evaluate('header-only.csv', 'case_id,rater,label\n');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/header-only\.csv.*no data rows/);
  });

  it('an empty outputs file and an outputs folder without JSON files', () => {
    const emptyJsonl = join(scratch.path, 'empty.jsonl');
    writeFileSync(emptyJsonl, '\n');
    let r = evaluate('ok1.csv', 'case_id,rater,label\na,t,High\n', emptyJsonl);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/empty\.jsonl.*empty file/);
    const emptyDir = join(scratch.path, 'no-outputs');
    mkdirSync(emptyDir, { recursive: true });
    r = evaluate('ok2.csv', 'case_id,rater,label\na,t,High\n', emptyDir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/no-outputs.*no output records/);
  });

  it('an output record whose signal is neither Warning nor Observation', () => {
    const bad = join(scratch.path, 'bad-signal.jsonl');
    writeFileSync(bad, [JSON.stringify(record('a')), JSON.stringify(record('b', 'Maybe'))].join('\n'));
    const r = evaluate('ok3.csv', 'case_id,rater,label\na,t,High\nb,t,Low\n', bad);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad-signal\.jsonl:2: case "b" field "signal": no opinion heading \("Assessment Opinion", "评估意见", "诊断意见"\) and not a bare Warning\/Observation; first heading seen: "Maybe"/);
  });

  it('reads one JSON file per drawing, naming cases after the files', () => {
    const folder = join(scratch.path, 'per-drawing');
    mkdirSync(folder, { recursive: true });
    for (const [id, signal] of [['d1', 'Warning'], ['d2', 'Observation']]) {
      const rec: Record<string, unknown> = record(id, signal);
      delete rec.case_id;
      writeFileSync(join(folder, `${id}.json`), JSON.stringify(rec));
    }
    const r = evaluate('per-drawing.csv', 'case_id,rater,label\nd1,t,Not Matching\nd2,t,Matching\n', folder);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/signal=Warning\s+Low\s+1\s+1\s+100\.00/);
  });

  it('agreement: unknown labels against declared levels, and a single rater', () => {
    const csv = join(scratch.path, 'ratings.csv');
    writeFileSync(csv, 'case_id,r1,r2\n1,Low,High\n2,Medium,High\n');
    let r = run(['agreement', '--ratings', csv, '--levels', 'Low,Moderate,High']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/line 3: case "2" rater "r1" label "Medium"/);
    const one = join(scratch.path, 'one.csv');
    writeFileSync(one, 'case_id,rater,label\n1,a,Low\n2,a,High\n');
    r = run(['agreement', '--ratings', one]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/at least two raters/);
    r = run(['agreement', '--ratings', csv, '--scale', 'cardinal']);
    expect(r.status).toBe(2);
  });
});
