import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, relative, resolve } from 'node:path';
import { assertClose, type Tolerance } from './assert-close';
import { debianPython, requireSystemTool } from './system-tools';

/** The repository root. */
export const REPO_ROOT = resolve(__dirname, '../../..');

/** A path under the repository's fixtures/ folder. */
export function fixturePath(...parts: string[]): string {
  return join(REPO_ROOT, 'fixtures', ...parts);
}

/** Parses a committed JSON fixture (a path under fixtures/). */
export function readJsonFixture<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(fixturePath(...parts), 'utf8')) as T;
}

/**
 * Runs a reference script of tools/ (a repository-relative .py path) with Debian's python and
 * returns its stdout. Only for the tests that check a committed fixture against its script, and
 * for the scripts' own writers: other tests read the fixture.
 */
export function runReferenceScript(script: string, args: string[] = [], options: { input?: string; cwd?: string; timeoutMs?: number } = {}): string {
  return execFileSync(debianPython(), [join(REPO_ROOT, script), ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    input: options.input,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    timeout: options.timeoutMs ?? 120_000,
  });
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

/** Compares two parsed JSON values: numbers within tolerance, everything else equal; keys in `ignore` (at any depth) skipped. */
function compareJson(fresh: unknown, committed: unknown, tolerance: Tolerance, ignore: ReadonlySet<string>, where: string): void {
  if (typeof committed === 'number') return assertClose(fresh, committed, tolerance, where);
  if (Array.isArray(committed)) {
    if (!Array.isArray(fresh) || fresh.length !== committed.length) throw new Error(`${where}: the script wrote ${JSON.stringify(fresh)?.slice(0, 80)}, the fixture has an array of ${committed.length}`);
    committed.forEach((v, i) => compareJson(fresh[i], v, tolerance, ignore, `${where}[${i}]`));
    return;
  }
  if (committed !== null && typeof committed === 'object') {
    if (fresh === null || typeof fresh !== 'object') throw new Error(`${where}: the script wrote ${String(fresh)}, the fixture has an object`);
    const keys = new Set([...Object.keys(committed), ...Object.keys(fresh)]);
    for (const key of keys) {
      if (ignore.has(key)) continue;
      if (!(key in committed) || !(key in fresh)) throw new Error(`${where}.${key}: present in only one of the script's output and the fixture`);
      compareJson((fresh as Record<string, unknown>)[key], (committed as Record<string, unknown>)[key], tolerance, ignore, `${where}.${key}`);
    }
    return;
  }
  if (fresh !== committed) throw new Error(`${where}: the script wrote ${JSON.stringify(fresh)}, the fixture has ${JSON.stringify(committed)}`);
}

/** What a fixture folder is and how its script rewrites it. */
export interface ScriptFixture {
  /** The script, repository-relative (tools/...py); run as `python3 SCRIPT --out DIR`. */
  script: string;
  /** The committed folder under fixtures/ that the script writes (repository-relative). */
  fixture: string;
  /** Registry names of the Debian python modules the script imports (system-tools.json). */
  tools: string[];
  /** Tolerance on JSON numbers (another NumPy/SciPy build may round the last digits differently). */
  tolerance: Tolerance;
  /** JSON keys not compared, at any depth (default: generatedBy, the tool versions a fixture records). */
  ignoreKeys?: string[];
  /** Committed files the script does not write (a README), relative to the fixture folder. */
  ignoreFiles?: string[];
}

/**
 * Declares the test that the committed fixture is what its script writes: the script runs into a
 * temporary folder, which must hold the same files: JSON numerically equal within tolerance, every
 * other file byte for byte. Skipped (and counted) where Debian's python modules are absent.
 */
export function itReproducesFixture(f: ScriptFixture, timeoutMs = 180_000): void {
  requireSystemTool(...f.tools).it(
    `${f.fixture} is what ${f.script} writes`,
    () => {
      const out = mkdtempSync(join(tmpdir(), 'evalkit-fixture-'));
      try {
        runReferenceScript(f.script, ['--out', out], { timeoutMs });
        const committedDir = join(REPO_ROOT, f.fixture);
        const committed = listFiles(committedDir).filter((file) => !(f.ignoreFiles ?? []).includes(file));
        const fresh = listFiles(out);
        if (fresh.join('\n') !== committed.join('\n')) throw new Error(`files differ: the script wrote ${fresh.join(', ')}; the fixture has ${committed.join(', ')}`);
        const ignore = new Set(f.ignoreKeys ?? ['generatedBy']);
        for (const file of committed) {
          const a = readFileSync(join(out, file));
          const b = readFileSync(join(committedDir, file));
          if (extname(file) === '.json') compareJson(JSON.parse(a.toString('utf8')), JSON.parse(b.toString('utf8')), f.tolerance, ignore, relative(REPO_ROOT, join(committedDir, file)));
          else if (!a.equals(b)) throw new Error(`${file}: the script's bytes differ from the fixture's`);
        }
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
    timeoutMs,
  );
}
