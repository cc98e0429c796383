#!/usr/bin/python3
"""scikit-image's order-1 resize with edge clamping of a seeded 3x4x5 volume to 6x8x10: the reference
for kernel-bench's trilinear resize (ONNX Resize linear, half_pixel; packages/kernel-bench/test/
trilinear-matches-skimage.test.ts). skimage maps output i to input (i + 0.5) * in/out - 0.5 and clamps
at the edge, the half_pixel convention, computed by an independent code base. The input is
kernel-bench's randomTensor(60, 7): mulberry32(7) uniform in [-1, 1), rounded to float32.
"""
import numpy as np
import skimage
from skimage.transform import resize

from reference_common import generated_by, mulberry32, out_dir, write_json

out = out_dir('skimage-trilinear', __doc__)
rand = mulberry32(7)
dims = [3, 4, 5]
x = np.array([rand() * 2 - 1 for _ in range(60)], dtype=np.float32).astype(np.float64).reshape(dims)
y = resize(x, [s * 2 for s in dims], order=1, mode='edge', anti_aliasing=False, preserve_range=True)
write_json(out, 'resize-order1-edge.json', {
    'generatedBy': generated_by(__file__, {'numpy': np, 'skimage': skimage}),
    'dims': dims, 'factors': [2, 2, 2], 'input': x.ravel().tolist(), 'output': y.ravel().tolist(),
})
