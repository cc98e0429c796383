import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ERROR_CODES,
  EvalkitError,
  createResultDocument,
  createRunManifest,
  readResultDocument,
  serializeResultDocument,
  validateResultDocument,
  writeResultDocument,
  type ResultKind,
} from '../src';
import { RESULT_KIND_EXAMPLES, RESULT_KINDS } from '../src/schemas';

const manifest = createRunManifest({ tool: 'evalkit test', toolVersion: '0.1.0', startedAt: new Date('2026-01-01T00:00:00Z'), finishedAt: new Date('2026-01-01T00:00:01Z') });

/** A valid document of `kind` with three copies of its example row, as plain JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests poke at arbitrary JSON
function exampleJson(kind: ResultKind): Record<string, any> {
  const e = RESULT_KIND_EXAMPLES[kind];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one example per kind, checked at run time
  const doc = createResultDocument(kind as any, manifest, [e.row, e.row, e.row] as any[], { ...(e.config ? { config: e.config } : {}), ...(e.summary ? { summary: e.summary as any } : {}) });
  return JSON.parse(serializeResultDocument(doc));
}

function caught(fn: () => unknown): EvalkitError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EvalkitError);
    return error as EvalkitError;
  }
  throw new Error('expected a refusal');
}

describe.each(RESULT_KINDS.map((k) => [k]))('a %s document', (kind) => {
  const field = RESULT_KIND_EXAMPLES[kind].mistype;
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), `evk-kind-${kind}-`))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips through write and read, keeping fields the schema does not declare', () => {
    const json = exampleJson(kind);
    json.results[1].addedLater = 'tools may add fields';
    const path = join(dir, 'ok.json');
    writeFileSync(path, JSON.stringify(json));
    const back = readResultDocument(path, kind);
    expect(back.results).toHaveLength(3);
    expect(back.results[1].addedLater).toBe('tools may add fields');
  });

  it(`is refused by the reader when results[2].${field} has the wrong type, naming file, path and value`, () => {
    const json = exampleJson(kind);
    json.results[2][field] = { wrong: true };
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify(json));
    const e = caught(() => readResultDocument(path));
    expect(e.code).toBe(ERROR_CODES.INVALID_DOCUMENT);
    expect(e.file).toBe(path);
    expect(e.field).toBe(`results[2].${field}`);
    expect(e.message).toContain(`field "results[2].${field}", value {"wrong":true}`);
    expect(caught(() => readResultDocument(path, kind)).field).toBe(`results[2].${field}`);
  });

  const required = RESULT_KIND_EXAMPLES[kind].required ?? field;
  it(`is refused when results[0].${required} is missing`, () => {
    const json = exampleJson(kind);
    delete json.results[0][required];
    const e = caught(() => validateResultDocument(json, 'mem.json'));
    expect(e.field).toBe(`results[0].${required}`);
    expect(e.message).toMatch(new RegExp(`missing in a ${kind} document`));
  });

  it('is never written with a mistyped row: the writer refuses before touching the file', () => {
    const e = RESULT_KIND_EXAMPLES[kind];
    const row = { ...e.row, [field]: 'not right' };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- deliberately wrong rows
    expect(caught(() => createResultDocument(kind as any, manifest, [e.row, row] as any[], { ...(e.config ? { config: e.config } : {}), ...(e.summary ? { summary: e.summary as any } : {}) })).field).toBe(`results[1].${field}`);
    const doc = { schema: `evalkit/${kind}@1`, manifest, config: e.config ?? {}, results: [row], ...(e.summary ? { summary: e.summary } : {}) };
    const path = join(dir, 'never.json');
    expect(caught(() => writeResultDocument(path, doc)).file).toBe(path);
    expect(() => readResultDocument(path)).toThrow(expect.objectContaining({ code: ERROR_CODES.FILE_NOT_FOUND }));
  });
});

describe('the kind list', () => {
  it('declares exactly the kinds the tools write (codec-roundtrip was declared and written by nothing)', () => {
    expect([...RESULT_KINDS].sort()).toEqual(['agreement', 'decode', 'decoder-bench', 'encode', 'htp-consistency', 'kernel-bench', 'metrics-bench', 'recon-dataset', 'recon-metrics', 'zoo-sizes']);
  });

  it('reads documents of undeclared kinds as envelopes, but refuses to create them', () => {
    const json = { ...exampleJson('agreement'), schema: 'evalkit/energy-probe@1', results: [{ joules: 'any' }] };
    expect(validateResultDocument(json, 'x.json').results).toEqual([{ joules: 'any' }]);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- an undeclared kind on purpose
    expect(caught(() => createResultDocument('energy-probe' as any, manifest, [])).code).toBe(ERROR_CODES.INVALID_ARGUMENT);
  });

  it('names summary fields by path too', () => {
    const json = exampleJson('decoder-bench');
    json.summary.pairs[0].speedup = 'fast';
    expect(caught(() => validateResultDocument(json, 'd.json')).field).toBe('summary.pairs[0].speedup');
  });
});
