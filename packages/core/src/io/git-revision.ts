import { execFileSync } from 'node:child_process';

/** The git revision of `cwd` (with "-dirty" when the tree has changes), or null outside a repository. */
export function gitRevision(cwd: string = process.cwd()): string | null {
  try {
    const rev = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    return dirty ? `${rev}-dirty` : rev;
  } catch {
    return null;
  }
}
