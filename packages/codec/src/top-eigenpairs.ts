import { jacobiEigen } from './jacobi-eigen';

/**
 * The k largest eigenpairs of a symmetric positive semi-definite n×n matrix (row-major) by subspace
 * iteration: multiply a block of k + extra vectors by the matrix, re-orthonormalise (modified
 * Gram-Schmidt), and solve the small projected problem with Jacobi (Rayleigh-Ritz), until the
 * Ritz values settle. Returns values (descending) and vectors as an n×k row-major matrix.
 */
export function topEigenpairs(matrix: Float64Array, n: number, k: number, options: { extra?: number; tol?: number; maxIterations?: number; seed?: number } = {}): { values: Float64Array; vectors: Float64Array; iterations: number } {
  const p = Math.min(n, k + (options.extra ?? 8));
  const tol = options.tol ?? 1e-12;
  const maxIterations = options.maxIterations ?? 2000;
  // Deterministic start: a fixed pseudo-random block, so refits give identical weights.
  let state = (options.seed ?? 12345) >>> 0;
  const rand = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296) - 0.5;
  let q: Float64Array = new Float64Array(n * p).map(() => rand());
  orthonormalise(q, n, p);
  let previous: Float64Array = new Float64Array(p);
  let values: Float64Array = new Float64Array(p);
  let vectors: Float64Array = new Float64Array(n * p);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const z = multiply(matrix, q, n, p);
    // Rayleigh-Ritz on span(q): H = qᵀ A q, H = U Λ Uᵀ, Ritz vectors q U.
    const h = new Float64Array(p * p);
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += q[r * p + i] * z[r * p + j];
      h[i * p + j] = s;
    }
    for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) h[i * p + j] = h[j * p + i] = 0.5 * (h[i * p + j] + h[j * p + i]);
    const eig = jacobiEigen(h, p);
    values = eig.values;
    vectors = new Float64Array(n * p);
    for (let r = 0; r < n; r++) for (let j = 0; j < p; j++) {
      let s = 0;
      for (let i = 0; i < p; i++) s += q[r * p + i] * eig.vectors[i * p + j];
      vectors[r * p + j] = s;
    }
    let change = 0;
    for (let j = 0; j < k; j++) change = Math.max(change, Math.abs(values[j] - previous[j]) / Math.max(Math.abs(values[0]), 1e-300));
    if (iterations > 2 && change < tol) break;
    previous = values;
    q = z;
    orthonormalise(q, n, p);
  }
  const outVectors = new Float64Array(n * k);
  for (let r = 0; r < n; r++) for (let j = 0; j < k; j++) outVectors[r * k + j] = vectors[r * p + j];
  return { values: values.slice(0, k), vectors: outVectors, iterations };
}

function multiply(a: Float64Array, b: Float64Array, n: number, p: number): Float64Array {
  const out = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < n; r++) {
      const air = a[i * n + r];
      if (air === 0) continue;
      for (let j = 0; j < p; j++) out[i * p + j] += air * b[r * p + j];
    }
  }
  return out;
}

function orthonormalise(q: Float64Array, n: number, p: number): void {
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < j; i++) {
      let d = 0;
      for (let r = 0; r < n; r++) d += q[r * p + i] * q[r * p + j];
      for (let r = 0; r < n; r++) q[r * p + j] -= d * q[r * p + i];
    }
    let norm = 0;
    for (let r = 0; r < n; r++) norm += q[r * p + j] ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let r = 0; r < n; r++) q[r * p + j] /= norm;
  }
}
