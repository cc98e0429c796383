import {
  createResultDocument,
  createRunManifest,
  serializeResultDocument,
  validateResultDocument,
  EvalkitError,
  ERROR_CODES,
  documentKind,
} from '../src';
import { parseResultDocument } from '../src/result-document';

function sampleDocument() {
  const manifest = createRunManifest({
    tool: 'evalkit test',
    toolVersion: '0.1.0',
    command: ['evalkit', 'metrics', '--ref', 'a.png'],
    config: { metrics: ['psnr'] },
    seed: 42,
    gitRevision: 'abc123',
    startedAt: new Date('2026-01-01T00:00:00Z'),
    finishedAt: new Date('2026-01-01T00:00:05Z'),
    device: { executionProvider: 'cpu' },
  });
  return createResultDocument('recon-metrics', manifest, [{ video: 'clip', index: 0, psnr: 31.5 }], { summary: { mean: { psnr: 31.5 } } });
}

describe('result document schema', () => {
  it('round-trips a document through serialisation and validation unchanged', () => {
    const doc = sampleDocument();
    const back = parseResultDocument(serializeResultDocument(doc), 'mem.json');
    expect(back).toEqual(doc);
    expect(documentKind(back)).toBe('recon-metrics');
    expect(back.manifest.device.logicalCores).toBeGreaterThan(0);
    expect(back.manifest.seed).toBe(42);
  });

  it('rejects a document missing a manifest field, naming file and field', () => {
    const doc = JSON.parse(serializeResultDocument(sampleDocument()));
    delete doc.manifest.toolVersion;
    expect(() => validateResultDocument(doc, 'runs/a.json')).toThrow(/runs\/a\.json.*field "manifest\.toolVersion"/);
  });

  it('rejects a wrong type naming the field and the value found', () => {
    const doc = JSON.parse(serializeResultDocument(sampleDocument()));
    doc.manifest.device.logicalCores = 'two';
    let caught: unknown;
    try {
      validateResultDocument(doc, 'b.json');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EvalkitError);
    const e = caught as EvalkitError;
    expect(e.code).toBe(ERROR_CODES.INVALID_DOCUMENT);
    expect(e.field).toBe('manifest.device.logicalCores');
    expect(e.message).toContain('"two"');
  });

  it('rejects an unknown schema version with a stable code', () => {
    const doc = JSON.parse(serializeResultDocument(sampleDocument()));
    doc.schema = 'evalkit/recon-metrics@99';
    expect(() => validateResultDocument(doc, 'c.json')).toThrow(
      expect.objectContaining({ code: ERROR_CODES.UNKNOWN_SCHEMA, field: 'schema', value: 'evalkit/recon-metrics@99' }),
    );
  });

  it('rejects a malformed schema string and non-JSON text', () => {
    const doc = JSON.parse(serializeResultDocument(sampleDocument()));
    doc.schema = 'something-else';
    expect(() => validateResultDocument(doc, 'd.json')).toThrow(/field "schema"/);
    expect(() => parseResultDocument('{"schema": ', 'e.json')).toThrow(/e\.json: not valid JSON/);
  });

  it('writes non-finite numbers as strings instead of null', () => {
    const doc = sampleDocument();
    doc.results[0].psnr = Infinity;
    expect(JSON.parse(serializeResultDocument(doc)).results[0].psnr).toBe('Infinity');
  });
});
