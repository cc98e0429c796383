import { ERROR_CODES, RESULT_KIND_EXAMPLES, createResultDocument, createRunManifest, serializeResultDocument, type ResultRowInput } from '@evalkit/core';
import { compareKernelDocuments } from '../src/compare/compare-kernel-devices';
import { evalkitErrorOf } from '@evalkit/test-harness';

const manifest = createRunManifest({ tool: 'evalkit test', toolVersion: '0.1.0', config: { threads: 2 } });
const example = RESULT_KIND_EXAMPLES['kernel-bench'];
// The example row is a completed one (its state is checked at run time by createResultDocument).
const completed = example.row as Extract<ResultRowInput<'kernel-bench'>, { state: 'completed' }>;

/** A kernel-bench document (as JSON read from a file) with variants 1 and 6 on one shape. */
function kernelJson() {
  const rows = [
    { ...completed, variant: '1', variantIndex: 1, medianMs: 4 },
    { ...completed, variant: '6', variantIndex: 6, medianMs: 1, baselineVariant: '1' },
  ];
  return JSON.parse(serializeResultDocument(createResultDocument('kernel-bench', manifest, rows, { summary: example.summary })));
}

describe('compareKernelDocuments parses with the kernel-bench schema', () => {
  it('compares well-typed documents: variant 6 over variant 1 per device', () => {
    const c = compareKernelDocuments([{ source: 'a.json', doc: kernelJson() }]);
    expect(c.ratios).toEqual([expect.objectContaining({ variant: '6', baseline: '1', ratio: [0.25] })]);
    expect(c.devices[0].threads).toBe(2);
  });

  it('refuses a mistyped row field naming file, results[1].medianMs and the value', () => {
    const bad = kernelJson();
    bad.results[1].medianMs = '1 ms';
    const e = evalkitErrorOf(() => compareKernelDocuments([{ source: 'a.json', doc: kernelJson() }, { source: 'b.json', doc: bad }]));
    expect(e.code).toBe(ERROR_CODES.INVALID_DOCUMENT);
    expect(e.file).toBe('b.json');
    expect(e.field).toBe('results[1].medianMs');
    expect(e.value).toBe('1 ms');
  });

  it('refuses a document of another kind by its schema field, before looking at its rows', () => {
    const other = { ...kernelJson(), schema: 'evalkit/agreement@1' };
    const e = evalkitErrorOf(() => compareKernelDocuments([{ source: 'c.json', doc: other }]));
    expect(e.code).toBe(ERROR_CODES.INVALID_INPUT);
    expect(e.field).toBe('schema');
  });
});
