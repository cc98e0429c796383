#!/usr/bin/python3
"""Generates fixtures/clip: a 17-frame 128x128 slow pan and zoom across scikit-image's astronaut image.

Source image: skimage.data.astronaut(), NASA photograph of astronaut Eileen Collins (1998),
public domain (NASA images are not copyrighted; see skimage.data's documentation).
Run with Debian's python3 (scikit-image 0.19):  /usr/bin/python3 tools/clip/make_clip.py
The output is deterministic: no randomness, fixed interpolation (bicubic, order=3).
"""
import json
import os
import sys

import numpy as np
import PIL
import skimage
from PIL import Image
from skimage import data, transform

FRAMES = 17
SIZE = 128
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'fixtures', 'clip')


def frame(image, t):
    """Frame t in [0, 1]: the crop window shrinks from 320 to 256 px (zoom in) while its centre pans."""
    side = 320.0 - 64.0 * t
    cy = 200.0 + 24.0 * t
    cx = 250.0 + 40.0 * t
    scale = side / SIZE
    # Output pixel (r, c) samples the source at (cy - side/2 + (r + 0.5) * scale - 0.5, ...).
    tf = transform.AffineTransform(scale=(scale, scale), translation=(cx - side / 2 + 0.5 * scale - 0.5, cy - side / 2 + 0.5 * scale - 0.5))
    out = transform.warp(image, tf, output_shape=(SIZE, SIZE), order=3, mode='edge', preserve_range=True)
    return np.clip(np.round(out), 0, 255).astype(np.uint8)


def main():
    os.makedirs(OUT, exist_ok=True)
    from skimage.filters import gaussian
    image = data.astronaut().astype(np.float64)
    # A light Gaussian prefilter stands in for a camera's optical low-pass before the 2.5x downscale.
    image = gaussian(image, sigma=1.0, channel_axis=-1, preserve_range=True)
    for i in range(FRAMES):
        Image.fromarray(frame(image, i / (FRAMES - 1))).save(os.path.join(OUT, f'frame_{i:04d}.png'), optimize=True, compress_level=9)
    meta = {
        'frames': FRAMES,
        'height': SIZE,
        'width': SIZE,
        'pattern': 'frame_%04d.png',
        'source': 'skimage.data.astronaut(): NASA photograph of astronaut Eileen Collins, public domain; scikit-image 0.19',
        'versions': {'python': sys.version.split()[0], 'numpy': np.__version__, 'skimage': skimage.__version__, 'PIL': PIL.__version__},
        'generator': 'tools/clip/make_clip.py (slow zoom 320->256 px crop window with a 24x40 px pan, bicubic, Gaussian sigma 1 prefilter)',
    }
    with open(os.path.join(OUT, 'clip.json'), 'w') as f:
        json.dump(meta, f, indent=2)
        f.write('\n')
    print(f'wrote {FRAMES} frames to {os.path.normpath(OUT)}', file=sys.stderr)


if __name__ == '__main__':
    import argparse
    parser = argparse.ArgumentParser(description='Writes the 17-frame fixture clip.')
    parser.add_argument('--out', default=OUT, help='folder to write (default: fixtures/clip, the committed fixture)')
    OUT = parser.parse_args().out
    main()
