import { execFileSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** True when `path` is a regular file this process may execute. */
function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable called `name` on PATH (an absolute or relative path is checked as given), or null. */
export function findExecutable(name: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (isAbsolute(name) || name.includes('/')) return isExecutable(name) ? name : null;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return null;
}

/** Names a Chromium is installed under (Debian's chromium, Ubuntu's chromium-browser, Google Chrome). */
export const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome'] as const;

/**
 * Candidate Chromium binaries in lookup order: EVALKIT_CHROMIUM, then CHROME_PATH (the variable
 * puppeteer and karma read), then each of CHROMIUM_NAMES on PATH. `evalkit doctor` and the browser
 * tests share this order, so what the doctor reports is what the tests use.
 */
export function chromiumCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const explicit = [env.EVALKIT_CHROMIUM, env.CHROME_PATH].filter((p): p is string => typeof p === 'string' && p.length > 0);
  const onPath = CHROMIUM_NAMES.map((name) => findExecutable(name, env)).filter((p): p is string => p !== null);
  return [...new Set([...explicit, ...onPath])];
}

/** Finds a runnable Chromium (it answers `--version`), with its version; null when none is. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): { path: string; version: string } | null {
  for (const path of chromiumCandidates(env)) {
    if (!isExecutable(path)) continue;
    try {
      const version = execFileSync(path, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'], timeout: 20_000 }).toString().trim();
      return { path, version };
    } catch {
      // present but not runnable (a snap stub without snapd, a broken install): try the next one
    }
  }
  return null;
}
