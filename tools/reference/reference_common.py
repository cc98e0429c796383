"""Shared by the reference scripts of tools/reference/: the --out argument and the record of tool versions.

Each script writes one folder of fixtures/reference/ (the default --out); the tests read the
committed folder, and one test per folder reruns the script into a temporary folder and checks it
writes the same (skipped where Debian's python modules are absent). Run with Debian's interpreter:

    /usr/bin/python3 tools/reference/<script>.py [--out DIR]
"""
import argparse
import json
import os
import platform
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))


def out_dir(name, description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument('--out', default=os.path.join(ROOT, 'fixtures', 'reference', name), help='folder to write (default: the committed fixture)')
    out = parser.parse_args().out
    os.makedirs(out, exist_ok=True)
    return out


def generated_by(script, modules):
    """The script and the versions of Python and of each module it used (recorded in the fixture)."""
    versions = {'python': platform.python_version()}
    for name, module in modules.items():
        versions[name] = getattr(module, '__version__', 'unknown')
    return {'script': os.path.relpath(os.path.abspath(script), ROOT), 'interpreter': sys.executable, 'versions': versions}


def write_json(out, name, value):
    with open(os.path.join(out, name), 'w') as f:
        json.dump(value, f, indent=1)
        f.write('\n')


def mulberry32(seed):
    """evalkit's seeded generator (packages/core/src/random.ts), in Python: the same floats in [0, 1)."""
    a = seed & 0xFFFFFFFF

    def imul(x, y):
        return (x * y) & 0xFFFFFFFF

    def nxt():
        nonlocal a
        a = (a + 0x6D2B79F5) & 0xFFFFFFFF
        t = a
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296

    return nxt
