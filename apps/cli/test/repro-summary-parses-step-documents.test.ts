import { ERROR_CODES, RESULT_KIND_EXAMPLES, createResultDocument, createRunManifest, serializeResultDocument, type ResultDocument } from '@evalkit/core';
import { loadProfile } from '../src/repro/profile';
import { reproSummary } from '../src/repro/summary';

const manifest = createRunManifest({ tool: 'evalkit test', toolVersion: '0.1.0' });
const example = RESULT_KIND_EXAMPLES['decoder-bench'];

/** A decoder-bench document as JSON, the way a step reads it back. */
function decoderBench(): ResultDocument {
  return JSON.parse(serializeResultDocument(createResultDocument('decoder-bench', manifest, [example.row], { summary: example.summary })));
}

function summarize(doc: ResultDocument) {
  return reproSummary({ runDir: 'run', profile: loadProfile('smoke'), outcomes: [], documents: new Map([['decoder-bench', [doc]]]), indexHtml: 'run/report/index.html', missingSections: [], seconds: 1 });
}

describe('the repro summary reads step documents with their kinds\' schemas', () => {
  it('prints the pair speedup of a well-typed decoder-bench document', () => {
    expect(summarize(decoderBench()).text).toMatch(/hunyuanvideo\s+turbo-vaed-hunyuan\s+8\.4x\s+2\.6x/);
  });

  it('refuses a mistyped summary or row field, naming its path and value', () => {
    const bad = decoderBench();
    (bad.summary!.pairs as Record<string, unknown>[])[0].speedup = 'fast';
    expect(() => summarize(bad)).toThrow(expect.objectContaining({ code: ERROR_CODES.INVALID_DOCUMENT, field: 'summary.pairs[0].speedup', value: 'fast' }));
    const badRow = decoderBench();
    badRow.results[0].height = '64px';
    expect(() => summarize(badRow)).toThrow(expect.objectContaining({ field: 'results[0].height', value: '64px' }));
  });
});
