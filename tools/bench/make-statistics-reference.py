#!/usr/bin/python3
"""Reference values for @evalkit/bench's statistics, from NumPy and SciPy (Debian's /usr/bin/python3).

Writes fixtures/bench/statistics-reference.json: for seeded timing-like samples, the median, mean,
sample sd, CV, numpy's default (linear) quartiles, Tukey fences and outlier classes, and
scipy.stats.bootstrap percentile intervals of the median and of ratios of medians (paired and
independent). The tests compare @evalkit/bench against these committed values; nothing runs
Python at test time. Run: /usr/bin/python3 tools/bench/make-statistics-reference.py
"""
import json
import os
import sys

import numpy as np
import scipy
from scipy import stats

RESAMPLES = 200_000
rng = np.random.default_rng(20261129)


def lognormal(n, median, sigma):
    return (median * np.exp(rng.normal(0.0, sigma, n))).round(6)


def with_spikes(n, median, sigma, spikes):
    x = lognormal(n, median, sigma)
    idx = rng.choice(n, size=len(spikes), replace=False)
    x[idx] = np.asarray(spikes, dtype=float)
    return x


def tukey(x):
    q1, q3 = np.percentile(x, [25, 75])
    iqr = q3 - q1
    fences = [q1 - 3 * iqr, q1 - 1.5 * iqr, q3 + 1.5 * iqr, q3 + 3 * iqr]
    out = {"lowSevere": 0, "lowMild": 0, "highMild": 0, "highSevere": 0, "indices": []}
    for i, v in enumerate(x):
        if v < fences[0]:
            out["lowSevere"] += 1
        elif v < fences[1]:
            out["lowMild"] += 1
        elif v > fences[3]:
            out["highSevere"] += 1
        elif v > fences[2]:
            out["highMild"] += 1
        else:
            continue
        out["indices"].append(i)
    return q1, q3, fences, out


def median_ci(x):
    res = stats.bootstrap((x,), np.median, method="percentile", n_resamples=RESAMPLES, random_state=np.random.default_rng(1), batch=20_000)
    return [float(res.confidence_interval.low), float(res.confidence_interval.high)]


def ratio(a, b, axis=-1):
    return np.median(a, axis=axis) / np.median(b, axis=axis)


def ratio_ci(a, b, paired):
    res = stats.bootstrap((a, b), ratio, paired=paired, vectorized=True, method="percentile", n_resamples=RESAMPLES, random_state=np.random.default_rng(2), batch=20_000)
    return [float(res.confidence_interval.low), float(res.confidence_interval.high)]


samples = {
    "n5-tight": lognormal(5, 100.0, 0.02),
    "n8-even": lognormal(8, 12.5, 0.05),
    "n15-one-spike": with_spikes(15, 40.0, 0.03, [75.0]),
    "n30-two-sided-spikes": with_spikes(30, 2.0, 0.04, [0.9, 3.1, 6.0]),
    "n101-wide": lognormal(101, 7.0, 0.25),
    "n12-ties": np.array([5.0, 5.0, 5.1, 5.0, 4.9, 5.0, 5.2, 5.0, 5.0, 9.0, 5.1, 5.0]),
}
cases = []
for name, x in samples.items():
    q1, q3, fences, out = tukey(x)
    mean = float(np.mean(x))
    sd = float(np.std(x, ddof=1))
    cases.append({
        "name": name,
        "samples": [float(v) for v in x],
        "median": float(np.median(x)),
        "mean": mean,
        "sd": sd,
        "cv": sd / mean,
        "q1": float(q1),
        "q3": float(q3),
        "fences": [float(f) for f in fences],
        "outliers": out,
        "medianCi95": median_ci(x),
    })

# Ratio cases: a baseline slower than the candidate by about 9x, paired runs sharing a drift, and two independent runs.
n = 20
drift = np.linspace(1.0, 1.3, n)
base = (8000.0 * drift * np.exp(rng.normal(0, 0.03, n))).round(3)
turbo = (850.0 * drift * np.exp(rng.normal(0, 0.03, n))).round(3)
run_a = lognormal(25, 3.0, 0.05)
run_b = lognormal(18, 3.3, 0.05)
ratios = [
    {"name": "paired-drift-n20", "paired": True, "numerator": [float(v) for v in base], "denominator": [float(v) for v in turbo], "ratio": float(ratio(base, turbo)), "ci95": ratio_ci(base, turbo, True)},
    {"name": "independent-n25-n18", "paired": False, "numerator": [float(v) for v in run_b], "denominator": [float(v) for v in run_a], "ratio": float(ratio(run_b, run_a)), "ci95": ratio_ci(run_b, run_a, False)},
]

out = {
    "source": "tools/bench/make-statistics-reference.py",
    "tools": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__},
    "method": f"numpy.percentile (linear) quartiles; Tukey fences 1.5/3 IQR; scipy.stats.bootstrap method='percentile', {RESAMPLES} resamples, confidence 0.95",
    "resamples": RESAMPLES,
    "cases": cases,
    "ratios": ratios,
}
path = os.path.join(os.path.dirname(__file__), "..", "..", "fixtures", "bench", "statistics-reference.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(f"wrote {os.path.normpath(path)}")
