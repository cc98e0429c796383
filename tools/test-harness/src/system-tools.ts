import { execFileSync } from 'node:child_process';
import { findChromium, findExecutable } from '@evalkit/core';
import registry from '../system-tools.json';

/** How a system tool is found: executables on PATH, TeX files kpsewhich knows, Python modules of Debian's python, or the Chromium lookup. */
interface ToolEntry {
  debianPackage: string;
  executables?: string[];
  texFiles?: string[];
  pythonModules?: string[];
  chromium?: boolean;
}

const TOOLS: Record<string, ToolEntry> = registry.tools;

/** The environment variable that turns a skip into a failure (.ci/run sets it after installing the packages). */
export const REQUIRE_ENV = 'EVALKIT_REQUIRE_SYSTEM_TOOLS';

/** The marker a skipped test's title carries; the jest reporter (system-skip-reporter.js) counts titles with it. */
export const SKIP_MARKER = 'system check skipped';

/**
 * Debian's interpreter, which has python3-numpy, -scipy, -skimage (the python3 first on PATH may be
 * another one). EVALKIT_PYTHON points elsewhere, e.g. at a missing file to see the skips.
 */
export function debianPython(env: NodeJS.ProcessEnv = process.env): string {
  return env.EVALKIT_PYTHON ?? '/usr/bin/python3';
}

/** Where one registered tool is, or null with what is missing. */
function locate(name: string, entry: ToolEntry): { path: string | null; missing: string | null } {
  if (entry.chromium) {
    const found = findChromium();
    return found ? { path: found.path, missing: null } : { path: null, missing: 'no runnable chromium, chromium-browser or google-chrome on PATH, EVALKIT_CHROMIUM or CHROME_PATH' };
  }
  let path: string | null = null;
  for (const exe of entry.executables ?? []) {
    const found = findExecutable(exe);
    if (!found) return { path: null, missing: `${exe} is not on PATH` };
    path ??= found;
  }
  for (const file of entry.texFiles ?? []) {
    try {
      execFileSync('kpsewhich', [file], { stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      return { path: null, missing: `TeX cannot find ${file}` };
    }
  }
  if (entry.pythonModules) {
    const python = debianPython();
    try {
      // A stray folder named like the module imports as an empty namespace package: require a real one.
      const probe = `import importlib, sys\nfor m in ${JSON.stringify(entry.pythonModules)}:\n    if getattr(importlib.import_module(m), '__file__', None) is None: sys.exit(1)`;
      execFileSync(python, ['-c', probe], { stdio: 'ignore', timeout: 60_000 });
      path ??= python;
    } catch {
      return { path: null, missing: `${python} cannot import ${entry.pythonModules.join(', ')}` };
    }
  }
  if (path === null) throw new Error(`system tool ${name}: its entry in system-tools.json names nothing to look for`);
  return { path, missing: null };
}

const cache = new Map<string, { path: string | null; missing: string | null }>();

/** A set of system tools a test needs: where they are, and `it`/`describe` that run, skip or fail accordingly. */
export interface RequiredTools {
  /** True when every tool was found. */
  readonly available: boolean;
  /** The path of each tool found (an executable, or the python interpreter), by registry name. */
  readonly paths: Readonly<Record<string, string>>;
  /** The Debian packages of the tools not found. */
  readonly missingPackages: readonly string[];
  /** `it` when every tool is present; otherwise a skipped test whose title says what to install (a failing one under EVALKIT_REQUIRE_SYSTEM_TOOLS=1). */
  it(title: string, fn: jest.ProvidesCallback, timeout?: number): void;
  /** `describe` when every tool is present; otherwise one skipped (or failing) test in place of the block. */
  describe(title: string, fn: () => void): void;
}

/**
 * Declares the system tools (names of system-tools.json) a test needs. Absent tools skip the test
 * with the reason and the Debian package in its title, counted in the closing line of `npm test`;
 * under EVALKIT_REQUIRE_SYSTEM_TOOLS=1 an absent tool fails the test instead.
 */
export function requireSystemTool(...names: string[]): RequiredTools {
  const paths: Record<string, string> = {};
  const reasons: string[] = [];
  const packages: string[] = [];
  for (const name of names) {
    const entry = TOOLS[name];
    if (!entry) throw new Error(`unknown system tool "${name}": add it to tools/test-harness/system-tools.json (known: ${Object.keys(TOOLS).join(', ')})`);
    if (!cache.has(name)) cache.set(name, locate(name, entry));
    const { path, missing } = cache.get(name)!;
    if (path) paths[name] = path;
    else {
      reasons.push(missing!);
      if (!packages.includes(entry.debianPackage)) packages.push(entry.debianPackage);
    }
  }
  const available = reasons.length === 0;
  const required = process.env[REQUIRE_ENV] === '1';
  const why = `${reasons.join('; ')}; Debian package ${packages.join(' ')}`;
  const marker = `[${SKIP_MARKER}: ${names.join(' ')} (Debian ${packages.join(' ')})]`;
  const failure = () => {
    throw new Error(`${REQUIRE_ENV}=1 but ${why}`);
  };
  return {
    available,
    paths,
    missingPackages: packages,
    it(title, fn, timeout) {
      if (available) it(title, fn, timeout);
      else if (required) it(title, failure);
      else it.skip(`${title} ${marker} ${why}`, () => undefined);
    },
    describe(title, fn) {
      if (available) describe(title, fn);
      else if (required) describe(title, () => it(`needs ${names.join(', ')}`, failure));
      else describe(title, () => it.skip(`needs ${names.join(', ')} ${marker} ${why}`, () => undefined));
    },
  };
}
