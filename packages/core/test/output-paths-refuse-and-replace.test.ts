import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkOutputFile, exitStatusFor, fromSystemError, stageOutputFolder, writeFileAtomic, EvalkitError } from '../src';

const owns = (name: string) => /^frame_\d+\.png$/.test(name) || name === 'run.json';

describe('output paths', () => {
  it('refuses an output file that is a folder, or below a file, naming the flag (usage error)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evk-out-'));
    writeFileSync(join(dir, 'file'), 'x');
    expect(() => checkOutputFile(dir, '--csv')).toThrow(/--csv.*is a folder/);
    expect(() => checkOutputFile(join(dir, 'file', 'x.json'))).toThrow(/is a file, not a folder/);
    expect(() => writeFileAtomic(dir, 'x')).toThrow(EvalkitError);
    try {
      checkOutputFile(dir);
    } catch (error) {
      expect(exitStatusFor(error as EvalkitError)).toBe(2);
    }
    expect(() => checkOutputFile(join(dir, 'new', 'deeper', 'x.json'))).not.toThrow();
  });

  it('turns file-system errors into EvalkitErrors naming the path', () => {
    const e = fromSystemError(Object.assign(new Error('x'), { code: 'EISDIR', path: '/tmp/a', syscall: 'open' }));
    expect(e?.message).toBe('/tmp/a: is a folder, where a file was expected (EISDIR in open)');
    expect(fromSystemError(Object.assign(new Error('x'), { code: 'ENOENT', path: '/a', dest: '/b', syscall: 'rename' }))?.file).toBe('/b');
    expect(fromSystemError(new TypeError('bug'))).toBeUndefined();
  });

  it('replaces a previous run whole, so no stale frame survives, and leaves no staging folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'evk-stage-'));
    const out = join(root, 'frames');
    const write = (n: number) => {
      const folder = stageOutputFolder(out, { owns });
      for (let i = 0; i < n; i++) writeFileSync(join(folder.staging, `frame_${i}.png`), 'p');
      writeFileSync(join(folder.staging, 'run.json'), String(n));
      folder.commit();
    };
    write(17);
    write(5);
    expect(readdirSync(out).sort()).toEqual(['frame_0.png', 'frame_1.png', 'frame_2.png', 'frame_3.png', 'frame_4.png', 'run.json']);
    expect(readdirSync(root)).toEqual(['frames']);
  });

  it('shows nothing of a run that failed: the previous folder stays as it was', () => {
    const root = mkdtempSync(join(tmpdir(), 'evk-stage-'));
    const out = join(root, 'frames');
    const folder = stageOutputFolder(out, { owns });
    writeFileSync(join(folder.staging, 'frame_0.png'), 'p');
    folder.discard();
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(root)).toEqual([]);
  });

  it('refuses a folder with files it did not write unless forced, and then keeps them', () => {
    const out = mkdtempSync(join(tmpdir(), 'evk-stage-'));
    writeFileSync(join(out, 'mine.txt'), 'x');
    writeFileSync(join(out, 'frame_9.png'), 'old');
    expect(() => stageOutputFolder(out, { owns })).toThrow(/mine\.txt.*--force/);
    const folder = stageOutputFolder(out, { owns, force: true });
    writeFileSync(join(folder.staging, 'frame_0.png'), 'p');
    folder.commit();
    expect(readdirSync(out).sort()).toEqual(['frame_0.png', 'mine.txt']);
    mkdirSync(join(out, 'sub'));
    writeFileSync(join(out, 'sub', 'f'), 'x');
    expect(() => stageOutputFolder(join(out, 'mine.txt'), { owns })).toThrow(/not a folder/);
  });
});
