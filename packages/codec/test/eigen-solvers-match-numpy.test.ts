import { mulberry32 } from '@evalkit/core';
import { jacobiEigen } from '../src/jacobi-eigen';
import { topEigenpairs } from '../src/top-eigenpairs';
import { assertClose, itReproducesFixture, readJsonFixture } from '@evalkit/test-harness';

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

// numpy.linalg.eigh of the same matrices: tools/reference/numpy_eigh.py builds them from the same
// mulberry32 stream and formula and records a few entries and the sum, checked here first.
interface EighCase { name: string; n: number; seed: number; psd: boolean; firstEntries: number[]; sum: number; eigenvalues: number[] }
const { cases } = readJsonFixture<{ cases: EighCase[] }>('reference', 'numpy-eigh', 'matrices.json');

function numpyEigh(a: Float64Array, n: number, seed: number, psd: boolean): number[] {
  const c = cases.find((x) => x.n === n && x.seed === seed && x.psd === psd);
  if (!c) throw new Error(`no numpy reference for n=${n} seed=${seed} psd=${psd} in fixtures/reference/numpy-eigh`);
  expect(Array.from(a.slice(0, 4))).toEqual(c.firstEntries);
  assertClose(a.reduce((s, v) => s + v, 0), c.sum, { atol: 0, rtol: 1e-12 }, `${c.name} sum`);
  expect(c.eigenvalues).toHaveLength(n);
  return c.eigenvalues;
}

itReproducesFixture({ script: 'tools/reference/numpy_eigh.py', fixture: 'fixtures/reference/numpy-eigh', tools: ['python3-numpy', 'python3-pil'], tolerance: { atol: 1e-12, rtol: 1e-9 } });

describe('symmetric eigen-solvers agree with numpy.linalg.eigh', () => {
  it('Jacobi: all eigenvalues of an indefinite 24x24 matrix within 1e-10, vectors orthonormal and A v = λ v', () => {
    const n = 24;
    const a = randomSymmetric(n, 3, false);
    const { values, vectors } = jacobiEigen(a, n);
    const ref = numpyEigh(a, n, 3, false);
    values.forEach((v, i) => assertClose(v, ref[i], 1e-10, `eigenvalue ${i}`));
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
    const ref = numpyEigh(a, n, 5, true);
    expect(values).toHaveLength(6);
    values.forEach((v, i) => assertClose(v, ref[i], 1e-9 * ref[0], `eigenvalue ${i}`));
  });
});
