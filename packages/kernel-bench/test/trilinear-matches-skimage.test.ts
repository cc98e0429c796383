import { execFileSync } from 'node:child_process';
import { trilinearResize } from '../src/kernels/trilinear-resize';
import { randomTensor } from '../src/random';

// skimage.transform.resize(order=1, mode='edge') maps output i to input (i + 0.5) * in/out - 0.5 and
// clamps at the edge: the ONNX Resize half_pixel linear convention, computed by an independent code base.
const SCRIPT = `
import sys, json, numpy as np
from skimage.transform import resize
d = json.load(sys.stdin)
x = np.array(d['x'], dtype=np.float64).reshape(d['dims'])
y = resize(x, [s * f for s, f in zip(d['dims'], d['f'])], order=1, mode='edge', anti_aliasing=False, preserve_range=True)
json.dump(y.ravel().tolist(), sys.stdout)
`;

describe('trilinear resize (ONNX linear, half_pixel)', () => {
  it('matches scikit-image order-1 resize with edge clamping', () => {
    const dims = [3, 4, 5];
    const x = randomTensor(60, 7);
    const expected = JSON.parse(
      execFileSync('/usr/bin/python3', ['-c', SCRIPT], { input: JSON.stringify({ x: Array.from(x), dims, f: [2, 2, 2] }), encoding: 'utf8' }),
    ) as number[];
    const y = trilinearResize(x, [1, 1, ...dims], [2, 2, 2]);
    expect(y.length).toBe(expected.length);
    let maxDiff = 0;
    for (let i = 0; i < y.length; i++) maxDiff = Math.max(maxDiff, Math.abs(y[i] - expected[i]));
    // float32 output of a float64 computation: within one float32 ulp of values in [-1, 1]
    expect(maxDiff).toBeLessThan(1.2e-7);
  });
});
