#!/usr/bin/python3
"""Writes the recon-metrics fixtures and their reference values.

Run with Debian's interpreter (scikit-image 0.19, SciPy 1.10):

    /usr/bin/python3 tools/recon/make-reference-values.py

It crops real photographs bundled with scikit-image (skimage.data: astronaut, camera, coffee,
chelsea), distorts them (Gaussian noise, Gaussian blur, a spatial shift), writes the pairs as PNG
(lossless, so the TypeScript side decodes exactly these bytes through sharp) under
fixtures/recon/images/, and writes fixtures/recon/reference-values.json with:

- psnr: skimage.metrics.peak_signal_noise_ratio(data_range=255)
- ssimWang: skimage.metrics.structural_similarity(gaussian_weights=True, sigma=1.5,
  use_sample_covariance=False, data_range=255, channel_axis=-1) -- Wang et al. 2004, as torchmetrics
- ssimSkimage: structural_similarity with scikit-image's defaults (7x7 uniform window, sample
  covariance), data_range=255, channel_axis=-1
- the same three on BT.601 luma (Y = 0.299 R + 0.587 G + 0.114 B, float64) for RGB pairs
- msssim: MS-SSIM (Wang, Simoncelli, Bovik 2003) computed by `ms_ssim` below, an independent
  implementation written from the paper's formula on scipy.ndimage.gaussian_filter (11 taps,
  sigma 1.5), following torchmetrics' conventions: 5 scales, weights
  (0.0448, 0.2856, 0.3001, 0.2363, 0.1333), population covariance, statistics averaged over the
  valid region (border of 5 cropped) and over channels at each scale, 2x2 average pooling (floor)
  between scales, cs at scales 1-4 and full SSIM at scale 5. Needs sides >= 176.
"""
import json
import os
import sys

import numpy as np
import scipy
import scipy.ndimage as ndi
import skimage
from PIL import Image
from skimage import data
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
OUT_DIR = os.path.join(ROOT, 'fixtures', 'recon')
IMG_DIR = os.path.join(OUT_DIR, 'images')

MS_WEIGHTS = (0.0448, 0.2856, 0.3001, 0.2363, 0.1333)


def luma(rgb):
    rgb = rgb.astype(np.float64)
    return 0.299 * rgb[..., 0] + 0.587 * rgb[..., 1] + 0.114 * rgb[..., 2]


def _stats(x, y, data_range):
    """Mean SSIM and mean contrast-structure over the valid region, per the 2004 paper."""
    f = lambda a: ndi.gaussian_filter(a, sigma=1.5, truncate=3.5, mode='reflect')
    ux, uy = f(x), f(y)
    vx = f(x * x) - ux * ux
    vy = f(y * y) - uy * uy
    vxy = f(x * y) - ux * uy
    c1 = (0.01 * data_range) ** 2
    c2 = (0.03 * data_range) ** 2
    cs = (2 * vxy + c2) / (vx + vy + c2)
    lum = (2 * ux * uy + c1) / (ux * ux + uy * uy + c1)
    p = 5
    return (lum * cs)[p:-p, p:-p], cs[p:-p, p:-p]


def ms_ssim(x, y, data_range):
    """MS-SSIM of two images (H, W) or (H, W, C); channels pooled at each scale like torchmetrics."""
    x = x.astype(np.float64)
    y = y.astype(np.float64)
    if x.ndim == 2:
        x, y = x[..., None], y[..., None]
    values = []
    for scale in range(5):
        ss, cs = [], []
        for c in range(x.shape[2]):
            s_map, cs_map = _stats(x[..., c], y[..., c], data_range)
            ss.append(s_map.mean())
            cs.append(cs_map.mean())
        values.append(np.mean(ss) if scale == 4 else np.mean(cs))
        if scale < 4:
            h, w = x.shape[0] // 2 * 2, x.shape[1] // 2 * 2
            pool = lambda a: a[:h, :w].reshape(h // 2, 2, w // 2, 2, -1).mean(axis=(1, 3))
            x, y = pool(x), pool(y)
    return float(np.prod([v ** wt for v, wt in zip(values, MS_WEIGHTS)]))


def distortions(img, src, top, left, size, rng):
    """Reference crop plus noisy, blurred and shifted versions (all uint8)."""
    h, w = size
    ref = src[top:top + h, left:left + w]
    noise = np.clip(np.round(ref.astype(np.float64) + rng.normal(0, 12, ref.shape)), 0, 255).astype(np.uint8)
    sig = (1.2, 1.2, 0) if ref.ndim == 3 else 1.2
    blur = np.clip(np.round(ndi.gaussian_filter(ref.astype(np.float64), sigma=sig)), 0, 255).astype(np.uint8)
    shift = src[top + 2:top + 2 + h, left + 3:left + 3 + w]
    return {'ref': ref, 'noise': noise, 'blur': blur, 'shift': shift}


def main():
    os.makedirs(IMG_DIR, exist_ok=True)
    rng = np.random.default_rng(20240601)
    # (name, image, top, left, (height, width)): crops kept small; camera is 192x192 so MS-SSIM
    # (which needs sides >= 176) has a real photograph too, chelsea is odd-sized on purpose.
    subjects = [
        ('astronaut', data.astronaut(), 30, 170, (128, 128)),
        ('coffee', data.coffee(), 120, 200, (128, 128)),
        ('chelsea', data.chelsea(), 60, 150, (77, 101)),
        ('camera', data.camera(), 60, 180, (192, 192)),
        ('coffee-large', data.coffee(), 100, 180, (176, 184)),
    ]
    pairs = []
    for name, src, top, left, size in subjects:
        imgs = distortions(name, src, top, left, size, rng)
        for kind, arr in imgs.items():
            path = os.path.join(IMG_DIR, f'{name}-{kind}.png')
            Image.fromarray(arr).save(path, optimize=True)
            back = np.asarray(Image.open(path))
            assert np.array_equal(back, arr), path
        ref = imgs['ref']
        for kind in ('noise', 'blur', 'shift'):
            test = imgs[kind]
            rgb = ref.ndim == 3
            ca = -1 if rgb else None
            row = {
                'ref': f'images/{name}-ref.png',
                'test': f'images/{name}-{kind}.png',
                'distortion': kind,
                'height': int(ref.shape[0]),
                'width': int(ref.shape[1]),
                'channels': int(ref.shape[2]) if rgb else 1,
                'psnr': float(peak_signal_noise_ratio(ref, test, data_range=255)),
                'ssimWang': float(structural_similarity(ref, test, gaussian_weights=True, sigma=1.5,
                                                        use_sample_covariance=False, data_range=255, channel_axis=ca)),
                'ssimSkimage': float(structural_similarity(ref, test, data_range=255, channel_axis=ca)),
                'psnrUnitRange': float(peak_signal_noise_ratio(ref / 255.0, test / 255.0, data_range=1.0)),
                'ssimWangUnitRange': float(structural_similarity(ref / 255.0, test / 255.0, gaussian_weights=True, sigma=1.5,
                                                                 use_sample_covariance=False, data_range=1.0, channel_axis=ca)),
            }
            if rgb:
                ly, ty = luma(ref), luma(test)
                row['luma'] = {
                    'psnr': float(peak_signal_noise_ratio(ly, ty, data_range=255)),
                    'ssimWang': float(structural_similarity(ly, ty, gaussian_weights=True, sigma=1.5,
                                                            use_sample_covariance=False, data_range=255)),
                    'ssimSkimage': float(structural_similarity(ly, ty, data_range=255)),
                }
            if min(ref.shape[:2]) >= 176:
                row['msssim'] = ms_ssim(ref, test, 255)
                # sanity check of the scipy statistics against skimage at scale 1
                x = ref.astype(np.float64) if ref.ndim == 3 else ref.astype(np.float64)[..., None]
                y = test.astype(np.float64) if test.ndim == 3 else test.astype(np.float64)[..., None]
                own = np.mean([_stats(x[..., c], y[..., c], 255)[0].mean() for c in range(x.shape[2])])
                assert abs(own - row['ssimWang']) < 1e-12, (own, row['ssimWang'])
                if rgb:
                    row['luma']['msssim'] = ms_ssim(luma(ref), luma(test), 255)
            pairs.append(row)
    doc = {
        'generator': 'tools/recon/make-reference-values.py',
        'versions': {'python': sys.version.split()[0], 'numpy': np.__version__, 'scipy': scipy.__version__,
                     'skimage': skimage.__version__},
        'sources': 'scikit-image bundled data images (skimage.data astronaut, camera, coffee, chelsea); see fixtures/recon/README.md',
        'conventions': {
            'psnr': 'skimage.metrics.peak_signal_noise_ratio, data_range=255 (psnrUnitRange: images/255, data_range=1)',
            'ssimWang': 'structural_similarity(gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=255, channel_axis=-1)',
            'ssimSkimage': 'structural_similarity(data_range=255, channel_axis=-1): 7x7 uniform window, sample covariance',
            'luma': 'BT.601 Y = 0.299 R + 0.587 G + 0.114 B in float64, data_range=255',
            'msssim': 'ms_ssim() in the generator: scipy.ndimage Gaussian 11 taps sigma 1.5, 5 scales, weights 0.0448 0.2856 0.3001 0.2363 0.1333, channels pooled per scale (torchmetrics convention)',
        },
        'pairs': pairs,
    }
    with open(os.path.join(OUT_DIR, 'reference-values.json'), 'w') as fh:
        json.dump(doc, fh, indent=2)
        fh.write('\n')
    print(f'wrote {len(pairs)} pairs')


if __name__ == '__main__':
    import argparse
    parser = argparse.ArgumentParser(description='Writes the recon-metrics fixture images and reference values.')
    parser.add_argument('--out', default=OUT_DIR, help='folder to write (default: fixtures/recon, the committed fixture)')
    OUT_DIR = os.path.abspath(parser.parse_args().out)
    IMG_DIR = os.path.join(OUT_DIR, 'images')
    os.makedirs(IMG_DIR, exist_ok=True)
    main()
