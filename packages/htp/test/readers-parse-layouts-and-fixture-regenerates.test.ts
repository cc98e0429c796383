import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseCsv } from '@evalkit/media-io';
import { readLabelFile } from '@evalkit/agreement';
import { readOutputs } from '../src';
import { consistencyCsv } from '../src/io/consistency-tables';
import { levelDistribution } from '../src/consistency-table';
import { FIXTURE_DIR, generateSyntheticStudy } from '../../../tools/htp/generate-synthetic-study';

describe('label and output readers', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'htp-readers-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it('parses quoted CSV cells, CRLF and a BOM', () => {
    const t = parseCsv('\ufeffcase_id,label\r\n"a, 1","Generally ""Matching"""\r\n', 'x.csv');
    expect(t.header).toEqual(['case_id', 'label']);
    expect(t.rows).toEqual([{ line: 2, cells: ['a, 1', 'Generally "Matching"'] }]);
  });

  it('tells long, wide and structured layouts apart', () => {
    const long = readLabelFile(write('long.csv', 'case_id,rater,label,grade\na,t1,High,3\na,t2,Low,3\nb,t1,,5\n'));
    expect(long).toMatchObject({ format: 'long', raters: ['t1', 't2'] });
    expect(long.attributes.get('b')).toEqual({ grade: '5' });
    const wide = readLabelFile(write('wide.csv', 'case_id,t1,t2\na,High,Low\n'));
    expect(wide).toMatchObject({ format: 'wide', raters: ['t1', 't2'] });
    expect(wide.rows).toHaveLength(2);
    const structured = readLabelFile(write('structured.csv', 'case_id,rater,signal,size\na,p,Warning,oversized\n'));
    expect(structured.format).toBe('structured');
    expect(structured.structured![0]).toMatchObject({ caseId: 'a', rater: 'p', signal: 'Warning', tags: { size: 'oversized' } });
  });

  it('rejects rows of the wrong width, blank case ids and conflicting attributes, listing lines', () => {
    expect(() => readLabelFile(write('short.csv', 'case_id,rater,label\na,t\n'))).toThrow(/line 2: 2 cells/);
    expect(() => readLabelFile(write('blank.csv', 'case_id,rater,label\n,t,High\n'))).toThrow(/rows without a case id:\n {2}line 2/);
    expect(() => readLabelFile(write('conflict.csv', 'case_id,rater,label,grade\na,t1,High,3\na,t2,Low,5\n'))).toThrow(/line 3: case "a" has grade="5"/);
    expect(() => readLabelFile(join(dir, 'nope.csv'))).toThrow(/no such file/);
  });

  it('uses fix_signal over signal and keeps extra fields as grouping attributes', () => {
    const p = write('o.jsonl', `${JSON.stringify({ case_id: 'a', signal: 'Observation', fix_signal: 'Warning', grade: 3, tags: { size: 'normal' } })}\n`);
    expect(readOutputs(p)).toEqual([
      {
        caseId: 'a',
        signal: 'Warning',
        source: `${p}:1`,
        attributes: { grade: '3' },
        tags: { size: 'normal' },
        classification: null,
        usage: null,
        synthetic: false,
        reading: { layout: 'signal-only', signalField: 'fix_signal', form: 'bare', language: 'en' },
      },
    ]);
    // A report the review step judged normal keeps its own signal even when fix_signal holds text.
    const normal = write('n.jsonl', `${JSON.stringify({ case_id: 'a', signal: 'Observation', fix_signal: 'Warning', classification: true })}\n`);
    expect(readOutputs(normal)[0]).toMatchObject({ signal: 'Observation', classification: true });
    const dup = write('dup.jsonl', [{ id: 'a', signal: 'Warning' }, { id: 'a', signal: 'Warning' }].map((r) => JSON.stringify(r)).join('\n'));
    expect(() => readOutputs(dup)).toThrow(/dup\.jsonl:2: case "a" repeats/);
    const broken = write('broken.jsonl', '{"id": "a", "signal": "Warning"}\n{not json\n');
    expect(() => readOutputs(broken)).toThrow(/not valid JSON:\n {2}line 2/);
  });
});

describe('the consistency CSV', () => {
  it('has the 12 columns, one line per level, missing values empty, and reads back through the CSV parser', () => {
    const rows = levelDistribution(Int32Array.from([2, 2, 1, 0, -1]), { levels: ['Low', 'Moderate', 'High'], denominator: 'all', bootstrap: 0, seed: 1 });
    const csv = consistencyCsv(rows.map((r, i) => ({ ...r, group: i === 1 ? 'a, "b"' : r.group })));
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('groupBy,group,level,count,denominator,percent,wilsonLow,wilsonHigh,bootLow,bootHigh,paperPercent,paperPrinted');
    expect(lines[1]).toMatch(/^,Total,High,2,5,40,/);
    const back = parseCsv(csv, 'c.csv');
    expect(back.rows.map((r) => r.cells.length)).toEqual([12, 12, 12]);
    expect(back.rows[1].cells.slice(1, 3)).toEqual(['a, "b"', 'Moderate']);
  });

  it('divides by rated cases only when asked, and has no bootstrap bounds without resamples', () => {
    const codes = Int32Array.from([...Array(206).fill(2), ...Array(76).fill(1), ...Array(7).fill(0), -1]);
    const rows = levelDistribution(codes, { levels: ['Low', 'Moderate', 'High'], denominator: 'rated', bootstrap: 0, seed: 1 });
    expect(rows.map((r) => [r.level, r.denominator])).toEqual([['High', 289], ['Moderate', 289], ['Low', 289]]);
    expect(rows[0].bootLow).toBeNull();
  });

  it('ends with one footnote row per note, the note in the first cell', () => {
    const rows = levelDistribution(Int32Array.from([2, 1]), { levels: ['Low', 'Moderate', 'High'], denominator: 'all', bootstrap: 0, seed: 1 });
    const back = parseCsv(consistencyCsv(rows, { footnotes: ['synthetic, made up'] }), 'c.csv');
    expect(back.rows).toHaveLength(4);
    expect(back.rows[3].cells).toEqual(['note: synthetic, made up', ...Array(11).fill('')]);
  });
});

describe('the synthetic study fixture', () => {
  it('is exactly what the generator writes (regenerate with npx tsx tools/htp/generate-synthetic-study.ts)', () => {
    const files = generateSyntheticStudy();
    for (const [name, content] of Object.entries(files)) expect(readFileSync(resolve(FIXTURE_DIR, name), 'utf8')).toBe(content);
  });

  it('is marked synthetic and has Table 1\'s counts', () => {
    const files = generateSyntheticStudy();
    const records = files['outputs.jsonl'].trim().split('\n').map((l) => JSON.parse(l));
    expect(records).toHaveLength(290);
    expect(records.every((r) => r.synthetic === true)).toBe(true);
    expect(files['README.md']).toMatch(/SYNTHETIC DATA/);
    const labels = files['labels.csv'].trim().split('\n').slice(1).map((l) => l.split(','));
    const signal = new Map(records.map((r) => [r.case_id, r.signal]));
    const count = (s: string, label: string) => labels.filter((l) => signal.get(l[0]) === s && l[2] === label).length;
    expect([count('Warning', 'Matching'), count('Warning', 'Generally Matching'), count('Warning', 'Not Matching'), count('Warning', '')]).toEqual([53, 32, 4, 1]);
    expect([count('Observation', 'Matching'), count('Observation', 'Generally Matching'), count('Observation', 'Not Matching')]).toEqual([153, 44, 3]);
    expect(records.filter((r) => r.grade === 3)).toHaveLength(145);
  });
});
