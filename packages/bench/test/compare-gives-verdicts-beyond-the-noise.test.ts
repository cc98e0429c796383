import { createResultDocument, createRunManifest, ERROR_CODES, EvalkitError, RESULT_KIND_EXAMPLES, serializeResultDocument } from '@evalkit/core';
import { compareDocuments } from '../src/compare/compare-documents';

const manifest = createRunManifest({ tool: 'evalkit test', toolVersion: '0.1.0' });
const around = (m: number) => [0.99, 1.0, 1.01, 0.995, 1.005, 1.0, 0.998, 1.002].map((f) => m * f);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[3] + s[4]) / 2;
};
/** A decoder-bench document as read from a file: full rows (the schema's), one per model, with these samples. */
const doc = (rows: [string, number[]][]): Record<string, unknown> => {
  const results = rows.map(([model, samplesMs]) => ({ ...RESULT_KIND_EXAMPLES['decoder-bench'].row, model, height: 64, width: 64, latentFrames: 5, widthMult: 1, samplesMs, medianMs: median(samplesMs), unstable: false }));
  return JSON.parse(serializeResultDocument(createResultDocument('decoder-bench', manifest, results, { summary: { matmulCeilingGflops: null, pairs: [] } })));
};

describe('evalkit compare A B', () => {
  const a = doc([['fast', around(100)], ['same', around(100)], ['slow', around(100)], ['tiny', around(100)], ['gone', around(5)]]);
  const b = doc([['fast', around(80)], ['same', around(100.2)], ['slow', around(130)], ['tiny', around(101)], ['new', around(5)]]);
  const c = compareDocuments({ source: 'a.json', doc: a }, { source: 'b.json', doc: b });
  const byRow = Object.fromEntries(c.changes.map((x) => [x.row.split(' ')[0], x]));

  it('calls a 20% drop faster and a 30% rise slower, with the ratio of medians inside its interval', () => {
    expect(byRow.fast.verdict).toBe('faster');
    expect(byRow.fast.ratio).toBeCloseTo(0.8, 12);
    expect(byRow.fast.ratioCi95![0]).toBeLessThanOrEqual(0.8);
    expect(byRow.fast.ratioCi95![1]).toBeGreaterThanOrEqual(0.8);
    expect(byRow.slow.verdict).toBe('slower');
    expect(byRow.slow.ratio).toBeCloseTo(1.3, 12);
  });
  it('calls a 0.2% change, and a 1% change inside the 2% noise threshold, no significant change', () => {
    expect(byRow.same.verdict).toBe('no significant change');
    expect(byRow.tiny.verdict).toBe('no significant change');
    expect(compareDocuments({ source: 'a', doc: a }, { source: 'b', doc: b }, { noise: 0.005 }).changes.find((x) => x.row.startsWith('tiny'))!.verdict).toBe('slower');
  });
  it('lists rows only one side has and refuses documents of different kinds', () => {
    expect(c.onlyInA).toEqual(['gone 64 64 5 1']);
    expect(c.onlyInB).toEqual(['new 64 64 5 1']);
    expect(() => compareDocuments({ source: 'a.json', doc: a }, { source: 'k.json', doc: { ...b, schema: 'evalkit/kernel-bench@1' } })).toThrow(/different kinds/);
  });
  it('refuses a mistyped row field with its path and value, as every reader does', () => {
    const bad = doc([['fast', around(80)]]) as { results: Record<string, unknown>[] };
    bad.results[0].medianMs = '80 ms';
    let caught: unknown;
    try {
      compareDocuments({ source: 'a.json', doc: a }, { source: 'b.json', doc: bad });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EvalkitError);
    expect(caught).toMatchObject({ code: ERROR_CODES.INVALID_DOCUMENT, file: 'b.json', field: 'results[0].medianMs', value: '80 ms' });
  });
});
