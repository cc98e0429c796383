#!/usr/bin/env python3
"""Independent reference for evalkit's agreement coefficients, written from the published formulas
(not from evalkit's code) with numpy, computed along different paths:

- Cohen's kappa and its asymptotic SE: Fleiss, Cohen & Everitt (1969), Psychol. Bull. 72(5), eq. for
  var(kappa_w), from the joint-proportion matrix with explicit agreement weights.
- Fleiss' kappa: Fleiss (1971), P_i and p_j, generalised to unequal raters per unit as in Gwet (2014).
- Krippendorff's alpha: Krippendorff (2011) "Computing Krippendorff's alpha-reliability", by explicit
  enumeration of all ordered value pairs within units (no coincidence matrix).
- Gwet's AC1/AC2: Gwet (2014), Handbook of Inter-Rater Reliability, 4th ed., eq. 2.9/3.x.

Reads JSON from stdin: [{"rows": [[code or null, ...], ...], "q": int}, ...] with codes 0..q-1
(levels in declared order, values 1..q for interval/ratio) and writes one JSON result per dataset.
Run: /usr/bin/python3 tools/htp/agreement_reference.py < datasets.json
"""
import json
import sys
import itertools
import numpy as np


def weights(q, scheme):
    i = np.arange(q)[:, None]
    j = np.arange(q)[None, :]
    if scheme == "unweighted" or q == 1:
        return (i == j).astype(float)
    d = np.abs(i - j) / (q - 1)
    return 1 - d if scheme == "linear" else 1 - d ** 2


def cohen(a, b, q, scheme):
    pairs = [(x, y) for x, y in zip(a, b) if x is not None and y is not None]
    n = len(pairs)
    p = np.zeros((q, q))
    for x, y in pairs:
        p[x, y] += 1
    p /= n
    w = weights(q, scheme)
    pr, pc = p.sum(1), p.sum(0)
    po = (w * p).sum()
    pe = (w * np.outer(pr, pc)).sum()
    k = (po - pe) / (1 - pe)
    wi = w @ pc          # weighted mean over columns for row i
    wj = pr @ w          # weighted mean over rows for column j
    term = (p * (w - (wi[:, None] + wj[None, :]) * (1 - k)) ** 2).sum()
    var = (term - (k - pe * (1 - k)) ** 2) / (n * (1 - pe) ** 2)
    term0 = (np.outer(pr, pc) * (w - (wi[:, None] + wj[None, :])) ** 2).sum()
    var0 = (term0 - pe ** 2) / (n * (1 - pe) ** 2)
    return {"kappa": k, "ase": np.sqrt(var), "ase0": np.sqrt(var0)}


def counts(rows, q):
    c = np.zeros((len(rows), q))
    for i, r in enumerate(rows):
        for v in r:
            if v is not None:
                c[i, v] += 1
    return c


def fleiss(rows, q):
    c = counts(rows, q)
    r = c.sum(1)
    two = r >= 2
    pa = np.mean((c[two] * (c[two] - 1)).sum(1) / (r[two] * (r[two] - 1)))
    pi = (c[r >= 1] / r[r >= 1][:, None]).mean(0)
    pe = (pi ** 2).sum()
    return (pa - pe) / (1 - pe)


def gwet(rows, q, scheme):
    c = counts(rows, q)
    w = weights(q, scheme)
    r = c.sum(1)
    two = r >= 2
    cstar = c @ w.T
    pa = np.mean((c[two] * (cstar[two] - 1)).sum(1) / (r[two] * (r[two] - 1)))
    pi = (c[r >= 1] / r[r >= 1][:, None]).mean(0)
    pe = w.sum() / (q * (q - 1)) * (pi * (1 - pi)).sum()
    return (pa - pe) / (1 - pe)


def kripp(rows, q, scale):
    units = [[v for v in r if v is not None] for r in rows]
    units = [u for u in units if len(u) >= 2]
    values = [v for u in units for v in u]
    n = len(values)
    ng = np.bincount(values, minlength=q).astype(float)
    vals = np.arange(1, q + 1, dtype=float)

    def delta(c, k):
        if c == k:
            return 0.0
        if scale == "nominal":
            return 1.0
        if scale == "ordinal":
            lo, hi = min(c, k), max(c, k)
            return (ng[lo:hi + 1].sum() - (ng[c] + ng[k]) / 2) ** 2
        if scale == "interval":
            return (vals[c] - vals[k]) ** 2
        return ((vals[c] - vals[k]) / (vals[c] + vals[k])) ** 2

    do = sum(sum(delta(u[i], u[j]) for i, j in itertools.permutations(range(len(u)), 2)) / (len(u) - 1) for u in units) / n
    de = sum(delta(values[i], values[j]) for i, j in itertools.permutations(range(n), 2)) / (n * (n - 1))
    return 1 - do / de


def reference_values(datasets):
    """The coefficients of each dataset ({"rows": ..., "q": ...}), as main prints them."""
    out = []
    for d in datasets:
        rows, q = d["rows"], d["q"]
        res = {
            "fleiss": fleiss(rows, q),
            "krippendorff": {s: kripp(rows, q, s) for s in ["nominal", "ordinal", "interval", "ratio"]},
            "gwet": {"ac1": gwet(rows, q, "unweighted"), "ac2Linear": gwet(rows, q, "linear"), "ac2Quadratic": gwet(rows, q, "quadratic")},
        }
        if len(rows[0]) == 2:
            a = [r[0] for r in rows]
            b = [r[1] for r in rows]
            cu, cl, cq = (cohen(a, b, q, s) for s in ["unweighted", "linear", "quadratic"])
            res["cohen"] = {"kappa": cu["kappa"], "linear": cl["kappa"], "quadratic": cq["kappa"], "ase": cu["ase"], "ase0": cu["ase0"],
                            "aseLinear": cl["ase"], "aseQuadratic": cq["ase"]}
        out.append(res)
    return out


def main():
    json.dump(reference_values(json.load(sys.stdin)), sys.stdout, default=float)


def bench(resamples, n, q, seed, runs=1):
    """Reference timing: a numpy percentile bootstrap of Cohen's kappa (vectorised: one bincount per
    resample), `runs` times after one warm-up; prints each run's milliseconds and the last interval."""
    import time
    rng = np.random.default_rng(seed)
    a = rng.integers(0, q, n)
    b = np.where(rng.random(n) < 0.7, a, rng.integers(0, q, n))
    cells = a * q + b

    def once():
        idx = rng.integers(0, n, (resamples, n))
        kappas = np.empty(resamples)
        for r in range(resamples):
            t = np.bincount(cells[idx[r]], minlength=q * q).reshape(q, q) / n
            po = np.trace(t)
            pe = (t.sum(1) * t.sum(0)).sum()
            kappas[r] = (po - pe) / (1 - pe)
        return np.percentile(kappas, [2.5, 97.5])

    times = []
    lo = hi = None
    for i in range(runs + (1 if runs > 1 else 0)):
        t0 = time.perf_counter()
        lo, hi = once()
        ms = (time.perf_counter() - t0) * 1000
        if runs == 1 or i > 0:  # the first of several runs is the warm-up
            times.append(ms)
    json.dump({"ms": times[-1] if runs == 1 else float(np.median(times)), "times": times, "ci": [lo, hi]}, sys.stdout)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "bench":
        bench(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]) if len(sys.argv) > 6 else 1)
    else:
        main()
