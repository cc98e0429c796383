import { permuteAxes } from '../src/arrays';

describe('permuteAxes (numpy transpose, ONNX Transpose)', () => {
  it('transposes a 2x3 matrix', () => {
    expect(Array.from(permuteAxes(Float32Array.of(1, 2, 3, 4, 5, 6), [2, 3], [1, 0]))).toEqual([1, 4, 2, 5, 3, 6]);
  });

  it('puts in[i][j][k] at out[k][i][j] for perm [2, 0, 1], keeping the element type', () => {
    const [a, b, c] = [2, 3, 4];
    const x = Uint8Array.from({ length: a * b * c }, (_, i) => i);
    const y = permuteAxes(x, [a, b, c], [2, 0, 1]);
    expect(y).toBeInstanceOf(Uint8Array);
    for (let i = 0; i < a; i++) for (let j = 0; j < b; j++) for (let k = 0; k < c; k++) expect(y[(k * a + i) * b + j]).toBe(x[(i * b + j) * c + k]);
  });

  it('leaves data alone under the identity permutation', () => {
    const x = Float64Array.of(1, 2, 3, 4);
    const y = permuteAxes(x, [2, 2], [0, 1]);
    expect(Array.from(y)).toEqual([1, 2, 3, 4]);
    expect(y).not.toBe(x);
  });
});
