import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readOutputs, readOutputSet } from '../src';
import { parseOpinion } from '../src/screening-opinion';

const REPORTS = resolve(__dirname, '../../../fixtures/htp/psydraw-reports');

describe('the screening opinion in a report signal', () => {
  it.each([
    ['Warning', 'Warning', 'en', 'bare'],
    [' observation\n', 'Observation', 'en', 'bare'],
    ['预警', 'Warning', 'zh', 'bare'],
    ['### Assessment Opinion:\nWarning\n\n### Summary:\nx', 'Warning', 'en', 'heading'],
    ['## assessment opinion\n\n**Observation**.\n', 'Observation', 'en', 'heading'],
    ['**Assessment Opinion:** Warning', 'Warning', 'en', 'heading'],
    ['### 评估意见：\n观察\n\n### 总结：', 'Observation', 'zh', 'heading'],
    ['### 诊断意见:\n预警（建议关注）', 'Warning', 'zh', 'heading'],
    ['Intro line\n### Assessment Opinion: Observation', 'Observation', 'en', 'heading'],
  ])('%j reads as %s', (text, signal, language, form) => {
    expect(parseOpinion(text)).toMatchObject({ signal, language, form });
  });

  it('finds none when the heading is absent or followed by another word, and quotes what it saw', () => {
    const none = parseOpinion('### Summary:\nThe child draws well.\n### Factors:\n- a');
    expect(none.signal).toBeNull();
    expect(none.signal === null && none.reason).toMatch(/first heading seen: "### Summary:"/);
    const other = parseOpinion('### Assessment Opinion:\nWarnings pending\n');
    expect(other.signal === null && other.reason).toMatch(/followed by "Warnings pending"/);
    expect(parseOpinion('Observational notes').signal).toBeNull();
  });

  it('uses a user pattern instead of the headings: its first group must be an opinion word', () => {
    expect(parseOpinion('RISK LEVEL = observation; details...', /RISK LEVEL = (\w+)/)).toMatchObject({ signal: 'Observation', form: 'pattern' });
    expect(parseOpinion('### Assessment Opinion:\nWarning', /RISK LEVEL = (\w+)/).signal).toBeNull();
    expect(parseOpinion('RISK LEVEL = high', /RISK LEVEL = (\w+)/).signal).toBeNull();
  });
});

describe('reading a folder of PsyDraw reports', () => {
  const byId = () => new Map(readOutputs(REPORTS).map((o) => [o.caseId, o]));

  it('gives the right signal for every layout, language, the safety-marked report and the misspelt key', () => {
    const outputs = byId();
    const got = Object.fromEntries([...outputs].map(([id, o]) => [id, [o.signal, o.reading.layout, o.reading.signalField, o.reading.language]]));
    expect(got).toEqual({
      d01_result_en: ['Observation', 'nested', 'signal', 'en'],
      d02_result_en: ['Warning', 'nested', 'signal', 'en'],
      d03_result_zh: ['Warning', 'nested', 'signal', 'zh'],
      d04_result_zh: ['Observation', 'nested', 'signal', 'zh'],
      d05_result_en: ['Warning', 'nested', 'fix_signal', 'en'],
      d06_result: ['Observation', 'flat', 'signal', 'zh'],
      d07_result: ['Warning', 'flat', 'singal', 'zh'],
      d08_result: ['Warning', 'signal-only', 'signal', 'en'],
    });
  });

  it('keeps the review verdict and token counts, and does not take flat report fields for grouping columns', () => {
    const outputs = byId();
    expect([...outputs.values()].map((o) => o.classification)).toEqual([true, true, true, true, false, null, null, null]);
    expect(outputs.get('d01_result_en')!.usage).toEqual({ total: 31000, prompt: 25500, completion: 5500 });
    expect(outputs.get('d06_result')!.usage).toBeNull();
    expect(outputs.get('d06_result')!.attributes).toEqual({});
    expect([...outputs.values()].some((o) => o.synthetic)).toBe(false);
  });

  describe('a report with no opinion', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'htp-reports-'));
      writeFileSync(join(dir, 'a.json'), JSON.stringify({ signal: '### Assessment Opinion:\nObservation' }));
      writeFileSync(join(dir, 'b.json'), JSON.stringify({ signal: '### Summary:\nNo opinion was written.' }));
      writeFileSync(join(dir, 'c.json'), JSON.stringify({ overall: { feature: 'x', analysis: 'y' } }));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('is an error naming each file and quoting the first heading it saw', () => {
      expect(() => readOutputs(dir)).toThrow(/b\.json: case "b" field "signal": no opinion heading .*first heading seen: "### Summary:"/);
      expect(() => readOutputs(dir)).toThrow(/c\.json: case "c" field "signal": the field is missing/);
    });

    it('is listed and left out when lenient', () => {
      const set = readOutputSet(dir, { lenient: true });
      expect(set.outputs.map((o) => o.caseId)).toEqual(['a']);
      expect(set.skipped.map((s) => s.caseId)).toEqual(['b', 'c']);
      expect(set.skipped[0].source).toBe(join(dir, 'b.json'));
    });
  });

  it('reads the signal from another field and with another pattern when told to', () => {
    const dir = mkdtempSync(join(tmpdir(), 'htp-other-'));
    try {
      writeFileSync(join(dir, 'x.json'), JSON.stringify({ result: { screening: 'LEVEL: Warning (see notes)' } }));
      writeFileSync(join(dir, 'y.json'), JSON.stringify({ result: { screening: 'LEVEL: observation' } }));
      const outputs = readOutputs(dir, { signalField: 'result.screening', opinionPattern: /LEVEL: (\w+)/i });
      expect(outputs.map((o) => [o.caseId, o.signal, o.reading.signalField, o.reading.form])).toEqual([
        ['x', 'Warning', 'result.screening', 'pattern'],
        ['y', 'Observation', 'result.screening', 'pattern'],
      ]);
      expect(() => readOutputs(dir, { signalField: 'result.missing' })).toThrow(/field "result\.missing": the field is missing/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
