import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES } from '@evalkit/core';
import { renderReport } from '../src';
import { useFixtureRuns } from './fixtures/build-fixture-runs';
import { evalkitRejectionOf } from '@evalkit/test-harness';

describe('invalid input fails clearly and writes nothing', () => {
  const fixture = useFixtureRuns('evalkit-report-invalid-');

  /** A copy of the laptop run where one document is edited by `edit`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests poke at arbitrary JSON
  function brokenRun(name: string, file: string, edit: (doc: any) => void): string {
    const dir = join(fixture.root, name);
    mkdirSync(join(dir, file, '..'), { recursive: true });
    const doc = JSON.parse(readFileSync(join(fixture.runs.laptop, file), 'utf8'));
    edit(doc);
    writeFileSync(join(dir, file), JSON.stringify(doc));
    return dir;
  }

  it('names the file and the row field of a wrong value', async () => {
    const dir = brokenRun('bad-fps', 'decoder-bench.json', (d) => (d.results[2].fps = 'fast'));
    const out = join(fixture.root, 'out-bad-fps');
    const error = await evalkitRejectionOf(renderReport({ runDirs: [dir], outDir: out }));
    expect(error.code).toBe(ERROR_CODES.INVALID_DOCUMENT);
    expect(error.file).toBe(join(dir, 'decoder-bench.json'));
    expect(error.field).toBe('results[2].fps');
    expect(error.message).toMatch(/decoder-bench\.json, field "results\[2\]\.fps", value "fast"/);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    ['zoo-sizes.json', 'params'],
    ['decoder-bench.json', 'medianMs'],
    ['kernel-bench.json', 'medianMs'],
    ['recon/turbo-vaed-hunyuan.json', 'psnr'],
    ['htp-consistency.json', 'percent'],
    ['agreement.json', 'value'],
  ])('refuses %s with a mistyped results[3].%s, naming its path and value', async (file, field) => {
    const dir = brokenRun(`mistyped-${field}-${file.replace(/\W/g, '-')}`, file, (d) => (d.results[3][field] = [1, 2]));
    const error = await evalkitRejectionOf(renderReport({ runDirs: [dir], outDir: join(fixture.root, 'out-mistyped') }));
    expect(error.code).toBe(ERROR_CODES.INVALID_DOCUMENT);
    expect(error.file).toBe(join(dir, file));
    expect(error.field).toBe(`results[3].${field}`);
    expect(error.value).toEqual([1, 2]);
  });

  it('names a missing contract field', async () => {
    const dir = brokenRun('no-percent', 'htp-consistency.json', (d) => delete d.results[0].percent);
    const error = await evalkitRejectionOf(renderReport({ runDirs: [dir], outDir: join(fixture.root, 'out2') }));
    expect(error.field).toBe('results[0].percent');
    expect(error.message).toMatch(/missing in a htp-consistency document/);
  });

  it('names the manifest field when the envelope is invalid (core validation)', async () => {
    const dir = brokenRun('bad-manifest', 'agreement.json', (d) => (d.manifest.device.logicalCores = -2));
    const error = await evalkitRejectionOf(renderReport({ runDirs: [dir], outDir: join(fixture.root, 'out3') }));
    expect(error.code).toBe(ERROR_CODES.INVALID_DOCUMENT);
    expect(error.field).toBe('manifest.device.logicalCores');
  });

  it('refuses a document of an unknown schema version', async () => {
    const dir = brokenRun('v2', 'zoo-sizes.json', (d) => (d.schema = 'evalkit/zoo-sizes@2'));
    const error = await evalkitRejectionOf(renderReport({ runDirs: [dir], outDir: join(fixture.root, 'out4') }));
    expect(error.code).toBe(ERROR_CODES.UNKNOWN_SCHEMA);
    expect(error.field).toBe('schema');
  });

  it('reports a truncated JSON file by name', async () => {
    const dir = join(fixture.root, 'truncated');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'kernel-bench.json'), readFileSync(join(fixture.runs.laptop, 'kernel-bench.json'), 'utf8').slice(0, 200));
    const error = await evalkitRejectionOf(renderReport({ runDirs: [dir], outDir: join(fixture.root, 'out5') }));
    expect(error.file).toBe(join(dir, 'kernel-bench.json'));
    expect(error.message).toMatch(/not valid JSON/);
  });

  it('fails on a missing folder and on a folder without documents', async () => {
    expect((await evalkitRejectionOf(renderReport({ runDirs: [join(fixture.root, 'nope')], outDir: join(fixture.root, 'o') }))).code).toBe(ERROR_CODES.FILE_NOT_FOUND);
    const empty = join(fixture.root, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'notes.json'), '{"hello": 1}');
    const error = await evalkitRejectionOf(renderReport({ runDirs: [empty], outDir: join(fixture.root, 'o') }));
    expect(error.code).toBe(ERROR_CODES.INVALID_INPUT);
    expect(error.message).toMatch(/no result documents/);
    expect((await evalkitRejectionOf(renderReport({ runDirs: [], outDir: join(fixture.root, 'o') }))).code).toBe(ERROR_CODES.INVALID_ARGUMENT);
  });

  it('skips report outputs inside a run folder when reading it again', async () => {
    const first = await renderReport({ runDirs: [fixture.runs.phone], outDir: join(fixture.runs.phone, 'report'), png: false });
    const again = await renderReport({ runDirs: [fixture.runs.phone], outDir: join(fixture.root, 'again'), png: false });
    expect(again.documents).toBe(first.documents);
    expect(again.skippedFiles).toEqual([]);
    rmSync(join(fixture.runs.phone, 'report'), { recursive: true, force: true });
  });
});
