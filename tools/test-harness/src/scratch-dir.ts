import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary folder shared by the tests of one describe block. */
export interface ScratchDir {
  /** Its path; set before the block's first test (in its beforeAll), removed after its last. */
  readonly path: string;
}

/**
 * Makes a temporary folder (named `prefix` + random) before the tests of the enclosing describe
 * block, runs `setup` in it (fixture files every test reads), and removes it after them, so no test
 * leaves files behind whatever it fails on.
 */
export function useScratchDir(prefix: string, setup?: (path: string) => void): ScratchDir {
  let path: string | undefined;
  beforeAll(() => {
    path = mkdtempSync(join(tmpdir(), prefix));
    setup?.(path);
  });
  afterAll(() => {
    if (path !== undefined) rmSync(path, { recursive: true, force: true });
  });
  return {
    get path(): string {
      if (path === undefined) throw new Error(`the scratch folder ${prefix}* is made in beforeAll: read its path inside a test or hook`);
      return path;
    },
  };
}
