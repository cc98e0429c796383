import { existsSync } from 'node:fs';
import { findChromium as findInstalledChromium } from '@evalkit/core';

/**
 * The Chromium binary to drive, or null when none is installed: the one named, else core's lookup
 * (EVALKIT_CHROMIUM, CHROME_PATH, chromium, chromium-browser, google-chrome on PATH), the same as
 * `evalkit doctor` and the tests use.
 */
export function findChromium(explicit?: string | null): string | null {
  if (explicit) return existsSync(explicit) ? explicit : null;
  return findInstalledChromium()?.path ?? null;
}
