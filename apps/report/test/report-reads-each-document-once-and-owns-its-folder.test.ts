import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderReport } from '../src';
import { readRunFolders } from '../src/io/read-run-folders';
import { HOSTILE_MODEL_LABEL, useFixtureRuns } from './fixtures/build-fixture-runs';

describe('the report reads each document once and owns its output folder', () => {
  jest.setTimeout(60_000);
  const fixture = useFixtureRuns('evalkit-report-once-');

  it('reads a folder given twice, or again through a link, once', () => {
    const once = readRunFolders([fixture.runs.laptop]).documents.length;
    expect(once).toBe(7);
    const link = join(fixture.root, 'laptop-link');
    symlinkSync(fixture.runs.laptop, link);
    const twice = readRunFolders([fixture.runs.laptop, fixture.runs.laptop, link]);
    expect(twice.documents.length).toBe(once);
    expect(twice.runDirs).toEqual([fixture.runs.laptop]);
  });

  it('does not loop or duplicate through a symbolic-link loop inside a run folder', () => {
    const dir = join(fixture.root, 'loop-run');
    cpSync(fixture.runs.phone, dir, { recursive: true });
    symlinkSync(dir, join(dir, 'again'));
    mkdirSync(join(dir, 'sub'));
    symlinkSync(join(dir, 'sub'), join(dir, 'sub', 'self'));
    const read = readRunFolders([dir]);
    expect(read.documents.map((d) => d.kind).sort()).toEqual(['decoder-bench', 'kernel-bench', 'recon-metrics']);
  });

  it('replaces its previous report whole: no figure or table of a now-absent section stays', async () => {
    const out = join(fixture.root, 'out');
    await renderReport({ runDirs: [fixture.runs.laptop], outDir: out, png: false });
    expect(existsSync(join(out, 'tables', 'htp-consistency.md'))).toBe(true);
    expect(existsSync(join(out, 'figures', 'agreement.svg'))).toBe(true);
    const second = await renderReport({ runDirs: [fixture.runs.phone], outDir: out, png: false });
    expect(second.missingSections).toContain('htp-consistency');
    expect(existsSync(join(out, 'tables', 'htp-consistency.md'))).toBe(false);
    expect(existsSync(join(out, 'figures', 'agreement.svg'))).toBe(false);
    const figures = readdirSync(join(out, 'figures')).filter((f) => f.endsWith('.svg')).map((f) => f.replace(/\.svg$/, ''));
    expect(figures.sort()).toEqual(second.figures.map((f) => f.id).sort());
    expect(readdirSync(fixture.root).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('refuses a folder holding files it did not write, unless forced (then keeps them)', async () => {
    const out = join(fixture.root, 'foreign');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    await expect(renderReport({ runDirs: [fixture.runs.phone], outDir: out, png: false })).rejects.toMatchObject({ code: 'EVK_INVALID_ARGUMENT', message: expect.stringMatching(/notes\.txt.*--force/) });
    expect(readdirSync(out)).toEqual(['notes.txt']);
    await renderReport({ runDirs: [fixture.runs.phone], outDir: out, png: false, force: true });
    expect(readdirSync(out).sort()).toEqual(['figures', 'index.html', 'notes.txt', 'report.json', 'tables']);
  });

  it('Markdown tables carry no raw HTML from names in the documents', async () => {
    const out = join(fixture.root, 'hostile-out');
    await renderReport({ runDirs: [fixture.runs.hostile], outDir: out, png: false });
    const markdown = readdirSync(join(out, 'tables')).filter((f) => f.endsWith('.md')).map((f) => readFileSync(join(out, 'tables', f), 'utf8')).join('\n');
    expect(markdown).not.toContain(HOSTILE_MODEL_LABEL);
    expect(markdown).not.toMatch(/<script/i);
    expect(markdown).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('refuses an output path that is a file', async () => {
    const file = join(fixture.root, 'a-file');
    writeFileSync(file, 'x');
    await expect(renderReport({ runDirs: [fixture.runs.phone], outDir: file, png: false })).rejects.toMatchObject({ code: 'EVK_INVALID_ARGUMENT', message: expect.stringMatching(/not a folder/) });
  });
});
