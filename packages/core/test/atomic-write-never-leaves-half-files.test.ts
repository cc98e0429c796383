import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeFileAtomic, writeResultDocument, readResultDocument, createResultDocument, createRunManifest } from '../src';

const repoRoot = resolve(__dirname, '../../..');

describe('atomic writes', () => {
  it('replaces the whole file and leaves no temporary file behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evk-atomic-'));
    const target = join(dir, 'out.json');
    writeFileSync(target, 'old');
    writeFileAtomic(target, 'new content');
    expect(readFileSync(target, 'utf8')).toBe('new content');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it('leaves the previous file and no temporary file when the write fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evk-atomic-'));
    const target = join(dir, 'out');
    mkdirSync(target); // renaming a file over a directory fails
    expect(() => writeFileAtomic(target, 'x')).toThrow();
    expect(readdirSync(dir)).toEqual(['out']);
  });

  it('never exposes a half-written result when the writer is killed mid-write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evk-kill-'));
    const target = join(dir, 'result.json');
    const doc = createResultDocument('recon-metrics', createRunManifest({ tool: 't', toolVersion: '0' }), [{ video: 'v', index: 0 }]);
    writeResultDocument(target, doc);
    // The child rewrites a ~16 MB document in a loop; we kill it with SIGKILL at an arbitrary moment.
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(__dirname, 'fixtures', 'rewrite-forever.ts'), target], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((ok) => child.stdout.once('data', () => ok()));
    await new Promise((ok) => setTimeout(ok, 150));
    child.kill('SIGKILL');
    await new Promise((ok) => child.once('exit', ok));
    // Whatever moment the kill hit, the target parses as a complete document.
    const back = readResultDocument(target);
    expect(back.results.length).toBeGreaterThan(0);
    expect(existsSync(target)).toBe(true);
  }, 30_000);
});
