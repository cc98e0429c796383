import { execFileSync } from 'node:child_process';

/** Runs a Python program (given on stdin) with Debian's /usr/bin/python3 (NumPy, scikit-image) and returns stdout. */
export function runPython(code: string, cwd?: string): string {
  return execFileSync('/usr/bin/python3', ['-'], { cwd, input: code, encoding: 'utf8', maxBuffer: 1 << 28 });
}
