import { mulberry32 } from '@evalkit/core';
import { jacobiEigen, topEigenpairs } from '../src';
import { execFileSync } from 'node:child_process';
import { debianPython } from '@evalkit/test-harness';

/** Runs a Python program (given on stdin) with Debian's python and NumPy; returns stdout. */
const runPython = (code: string): string => execFileSync(debianPython(), ['-'], { input: code, encoding: 'utf8', maxBuffer: 1 << 28 });

function randomSymmetric(n: number, seed: number, psd: boolean): Float64Array {
  const rand = mulberry32(seed);
  const b = Float64Array.from({ length: n * n }, () => rand() - 0.5);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      if (psd) for (let k = 0; k < n; k++) s += b[i * n + k] * b[j * n + k] * (k < 6 ? 25 : 1);
      else s = b[i * n + j] + b[j * n + i];
      a[i * n + j] = s;
    }
  return a;
}

const numpyEigh = (a: Float64Array, n: number): number[] =>
  JSON.parse(runPython(`import numpy as np, json, sys; a = np.array(${JSON.stringify(Array.from(a))}).reshape(${n}, ${n}); print(json.dumps(sorted(np.linalg.eigh(a)[0].tolist(), reverse=True)))`));

describe('symmetric eigen-solvers agree with numpy.linalg.eigh', () => {
  it('Jacobi: all eigenvalues of an indefinite 24x24 matrix within 1e-10, vectors orthonormal and A v = λ v', () => {
    const n = 24;
    const a = randomSymmetric(n, 3, false);
    const { values, vectors } = jacobiEigen(a, n);
    const ref = numpyEigh(a, n);
    values.forEach((v, i) => expect(Math.abs(v - ref[i])).toBeLessThan(1e-10));
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        let av = 0;
        for (let k = 0; k < n; k++) av += a[i * n + k] * vectors[k * n + j];
        expect(Math.abs(av - values[j] * vectors[i * n + j])).toBeLessThan(1e-10);
      }
    }
  });

  it('subspace iteration: the 6 leading eigenvalues of a 120x120 PSD matrix within 1e-9 relative', () => {
    const n = 120;
    const a = randomSymmetric(n, 5, true);
    const { values } = topEigenpairs(a, n, 6);
    const ref = numpyEigh(a, n);
    values.forEach((v, i) => expect(Math.abs(v - ref[i]) / ref[0]).toBeLessThan(1e-9));
  });
});
