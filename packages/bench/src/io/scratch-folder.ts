import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary folder made on first use and removed by remove(): files a run hands to its children. */
export interface ScratchFolder {
  /** A path inside the folder (which is made the first time). */
  file(name: string): string;
  remove(): void;
}

/** A scratch folder under the OS temporary directory, named with `prefix`. */
export function scratchFolder(prefix: string): ScratchFolder {
  let dir: string | null = null;
  return {
    file: (name) => join((dir ??= mkdtempSync(join(tmpdir(), prefix))), name),
    remove: () => {
      if (dir !== null) rmSync(dir, { recursive: true, force: true });
    },
  };
}
