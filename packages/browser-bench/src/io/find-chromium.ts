import { existsSync } from 'node:fs';

/** Where a Chromium is looked for when none is named: $EVALKIT_CHROMIUM, then Debian's and other usual paths. */
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The Chromium binary to drive, or null when none is installed. */
export function findChromium(explicit?: string | null): string | null {
  if (explicit) return existsSync(explicit) ? explicit : null;
  const fromEnv = process.env.EVALKIT_CHROMIUM;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p)) ?? null;
}
