#!/usr/bin/python3
"""numpy.linalg.eigh references for the codec's eigen-solvers (packages/decoder-runtime/test/
eigen-solvers-match-numpy.test.ts, codec-round-trip-on-fixture-clip.test.ts):

- matrices.json: the eigenvalues (descending) of the test's seeded symmetric matrices, built here from
  the same mulberry32 stream (reference_common.mulberry32) and formula as the test's randomSymmetric,
  with a few entries and the sum of each matrix so the test can confirm it built the same one;
- codec-blocks.json: the 16 largest eigenvalues of the covariance of the fixture clip's
  3x4x8x8 blocks (frame 0 replicated three times in front, values x/127.5 - 1, PIL decoding).
"""
import glob
import os

import numpy as np
import PIL
from PIL import Image

from reference_common import ROOT, generated_by, mulberry32, out_dir, write_json

out = out_dir('numpy-eigh', __doc__)


def random_symmetric(n, seed, psd):
    rand = mulberry32(seed)
    b = np.array([rand() - 0.5 for _ in range(n * n)]).reshape(n, n)
    a = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            if psd:
                s = 0.0
                for k in range(n):
                    s += b[i, k] * b[j, k] * (25 if k < 6 else 1)
            else:
                s = b[i, j] + b[j, i]
            a[i, j] = s
    return a


cases = []
for name, n, seed, psd in [('indefinite-24', 24, 3, False), ('psd-120', 120, 5, True)]:
    a = random_symmetric(n, seed, psd)
    cases.append({
        'name': name, 'n': n, 'seed': seed, 'psd': psd,
        'firstEntries': a.ravel()[:4].tolist(), 'sum': float(a.sum()),
        'eigenvalues': sorted(np.linalg.eigh(a)[0].tolist(), reverse=True),
    })
write_json(out, 'matrices.json', {'generatedBy': generated_by(__file__, {'numpy': np}), 'cases': cases})

clip = os.path.join(ROOT, 'fixtures', 'clip')
fr = np.stack([np.asarray(Image.open(p).convert('RGB'), np.float64) / 127.5 - 1 for p in sorted(glob.glob(f'{clip}/*.png'))])
fr = np.concatenate([fr[:1]] * 3 + [fr])  # 20 x 128 x 128 x 3
T, H, W = fr.shape[0] // 4, fr.shape[1] // 8, fr.shape[2] // 8
blocks = fr.reshape(T, 4, H, 8, W, 8, 3).transpose(0, 2, 4, 6, 1, 3, 5).reshape(-1, 768)
c = np.cov(blocks, rowvar=False, bias=True)
write_json(out, 'codec-blocks.json', {
    'generatedBy': generated_by(__file__, {'numpy': np, 'PIL': PIL}),
    'clip': 'fixtures/clip', 'blocks': int(blocks.shape[0]),
    'eigenvalues': sorted(np.linalg.eigh(c)[0].tolist(), reverse=True)[:16],
})
