#!/usr/bin/python3
"""Agreement coefficients of seeded rating tables by tools/htp/agreement_reference.py (numpy, written
from the published formulas): the reference for packages/htp-agreement/test/
agreement-matches-python-reference.test.ts. The tables are drawn here with evalkit's sfc32 generator
(packages/htp-agreement/src/prng.ts, ported below) exactly as the test's `dataset` draws them, and
written with the values, so the test can confirm it rates the same tables.
"""
import importlib.util
import os

import numpy as np

from reference_common import ROOT, generated_by, out_dir, write_json

out = out_dir('agreement-numpy', __doc__)
spec = importlib.util.spec_from_file_location('agreement_reference', os.path.join(ROOT, 'tools', 'htp', 'agreement_reference.py'))
agreement_reference = importlib.util.module_from_spec(spec)
spec.loader.exec_module(agreement_reference)

M32 = 0xFFFFFFFF


def create_prng(seed):
    """sfc32 seeded through splitmix32, as createPrng: returns (next, int)."""
    s = seed & M32

    def imul(x, y):
        return (x * y) & M32

    def split():
        nonlocal s
        s = (s + 0x9E3779B9) & M32
        z = s
        z = imul(z ^ (z >> 16), 0x85EBCA6B)
        z = imul(z ^ (z >> 13), 0xC2B2AE35)
        return (z ^ (z >> 16)) & M32

    st = [split(), split(), split(), split()]

    def u32():
        a, b, c, d = st
        t = (((a + b) & M32) + d) & M32
        d = (d + 1) & M32
        a = b ^ (b >> 9)
        b = (c + (c << 3)) & M32
        c = ((c << 21) | (c >> 11)) & M32
        c = (c + t) & M32
        st[:] = [a, b, c, d]
        return t

    for _ in range(12):
        u32()
    nxt = lambda: u32() / 4294967296
    return nxt, lambda n: int((u32() / 4294967296) * n)


def dataset(seed, cases, raters, q, missing):
    """Seeded ratings: cases x raters, q levels, raters mostly agreeing, some missing (the test's `dataset`)."""
    nxt, rint = create_prng(seed)
    rows = []
    for _ in range(cases):
        truth = rint(q)
        row = []
        for _ in range(raters):
            if nxt() < missing:
                row.append(None)
                continue
            if nxt() < 0.6:
                row.append(truth)
                continue
            sign = -1 if nxt() < 0.5 else 1
            row.append(min(q - 1, max(0, truth + sign * (1 + rint(2)))))
        rows.append(row)
    return rows


SPECS = [
    ('2 raters, 3 levels, 80 cases', 1, 80, 2, 3, 0),
    ('2 raters, 5 levels, 60 cases, missing', 2, 60, 2, 5, 0.1),
    ('3 raters, 4 levels, 50 cases, missing', 3, 50, 3, 4, 0.15),
    ('5 raters, 3 levels, 30 cases, missing', 4, 30, 5, 3, 0.2),
    ('4 raters, 2 levels, 40 cases', 5, 40, 4, 2, 0),
]
datasets = [{'name': name, 'seed': seed, 'cases': cases, 'raters': raters, 'q': q, 'missing': missing, 'rows': dataset(seed, cases, raters, q, missing)}
            for name, seed, cases, raters, q, missing in SPECS]
values = agreement_reference.reference_values(datasets)
write_json(out, 'coefficients.json', {
    'generatedBy': generated_by(__file__, {'numpy': np}),
    'datasets': [dict(d, reference=r) for d, r in zip(datasets, values)],
})
