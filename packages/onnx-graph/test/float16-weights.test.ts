import { float32ToFloat16Bits } from '../src/graph-builder';

describe('float32ToFloat16Bits', () => {
  it('rounds to nearest even as numpy.float16 does (values from numpy 1.24)', () => {
    // np.array([1, -2, 0.1, 65504, 65520, 5.96e-8, 1e-8, 0.333333, 2**-14, 1 + 2**-11], np.float32).astype(np.float16).view(np.uint16)
    const input = Float32Array.from([1, -2, 0.1, 65504, 65520, 5.96e-8, 1e-8, 0.333333, 2 ** -14, 1 + 2 ** -11]);
    expect(Array.from(float32ToFloat16Bits(input))).toEqual([0x3c00, 0xc000, 0x2e66, 0x7bff, 0x7c00, 0x0001, 0x0000, 0x3555, 0x0400, 0x3c00]);
  });
});
