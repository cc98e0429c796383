import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
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

  it('readers see a whole result while writes are in progress and after the writer is killed mid-write; the bytes go to a temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evk-kill-'));
    const target = join(dir, 'result.json');
    const doc = createResultDocument('recon-metrics', createRunManifest({ tool: 't', toolVersion: '0' }), [{ video: 'v', index: 0 }]);
    writeResultDocument(target, doc);
    // The child rewrites a ~1.6 MB document (20,000 rows) in a loop through writeFileAtomic.
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', join(__dirname, 'fixtures', 'rewrite-forever.ts'), target, '20000'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((ok) => child.once('exit', ok));
    await new Promise<void>((ok) => child.stdout.once('data', () => ok()));
    const fullSize = statSync(target).size;
    // The temporary sibling of a write in progress (temporaryPathFor: .result.json.tmp-<pid>-<hex>).
    const prefix = `.${basename(target)}.tmp-${child.pid}-`;
    const inProgress = () => {
      for (const f of readdirSync(dir)) {
        if (!f.startsWith(prefix)) continue;
        try {
          return { name: f, size: statSync(join(dir, f)).size };
        } catch {
          return null; // renamed between the listing and the stat
        }
      }
      return null;
    };
    // Watch writes happen; each time one is under way, the target must parse whole. The third
    // time, SIGKILL the writer right then, while its temporary file is open.
    const sizes: number[] = [];
    const deadline = Date.now() + 60_000;
    while (sizes.length < 3 && Date.now() < deadline) {
      const tmp = inProgress();
      if (tmp) {
        sizes.push(tmp.size);
        if (sizes.length === 3) child.kill('SIGKILL');
        expect(JSON.parse(readFileSync(target, 'utf8')).results).toHaveLength(20_000);
      }
      await new Promise((ok) => setImmediate(ok));
    }
    child.kill('SIGKILL');
    await exited;
    expect(sizes).toHaveLength(3);
    // Writes in progress went to the temporary file (partial or being flushed), never to the target.
    for (const size of sizes) expect(size).toBeLessThanOrEqual(fullSize);
    expect(readResultDocument(target).results).toHaveLength(20_000);
    expect(statSync(target).size).toBe(fullSize);
    // SIGKILL skips the exit cleanup, so at most the one cut-short temporary file remains, and it is not the target.
    const leftovers = readdirSync(dir).filter((f) => f !== 'result.json');
    expect(leftovers.length).toBeLessThanOrEqual(1);
    for (const f of leftovers) expect(f.startsWith(prefix)).toBe(true);
  }, 90_000);
});
