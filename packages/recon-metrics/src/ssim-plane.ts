import type { SsimWindow } from './ssim-window';
import { kernelHasWindow, ssimStrips } from './kernels/ssim-strips';
import { metricsKernels } from './kernels/wasm-kernels';

/** Mean SSIM and mean contrast-structure term over the valid region of one plane pair. */
export interface SsimStats {
  ssim: number;
  cs: number;
}

/** Reusable row buffers for ssimPlane, so repeated calls do not allocate. */
export interface SsimScratch {
  rows: Float64Array;
}

/** Allocates scratch for planes up to `width` wide. */
export function createSsimScratch(width: number): SsimScratch {
  return { rows: new Float64Array(4 * width) };
}

/**
 * SSIM of two planes (row-major Float64, `width`×`height`) with a separable window.
 *
 * scikit-image filters the whole image (mode 'reflect') and then averages only the part at least
 * `radius` pixels from every border; those pixels never see the padding, so computing just that
 * "valid" region gives identical values without any border handling. Each output row is made in
 * two fused passes: a vertical pass building the four filtered statistics rows (x, y, x²+y², xy —
 * x² and y² only ever appear summed) and a horizontal pass that filters them and evaluates SSIM in
 * the same loop. The window is symmetric, so pairs of taps share one multiply.
 */
export function ssimPlane(x: Float64Array, y: Float64Array, width: number, height: number, window: SsimWindow, dataRange: number, scratch?: SsimScratch): SsimStats {
  // The 11- and 7-tap windows (Wang, MS-SSIM; scikit-image's default) run on the f64x2 WebAssembly
  // kernels (every Node ≥ 20 has WebAssembly SIMD); both do float64 arithmetic (tests check they agree).
  const kernels = metricsKernels();
  if (kernels && kernelHasWindow(window) && width > 2 * window.radius && height > 2 * window.radius) return ssimStrips(kernels, x.subarray(0, width * height), y.subarray(0, width * height), width, height, 1, window, dataRange);
  return ssimPlaneScalar(x, y, width, height, window, dataRange, scratch);
}

/**
 * ssimPlane on plain JavaScript numbers, for any window: the reference the SIMD kernel is checked
 * against, and the path of the 7×7 scikit-image window.
 */
export function ssimPlaneScalar(
  x: Float64Array,
  y: Float64Array,
  width: number,
  height: number,
  window: SsimWindow,
  dataRange: number,
  scratch: SsimScratch = createSsimScratch(width),
): SsimStats {
  const r = window.radius;
  const outW = width - 2 * r;
  const outH = height - 2 * r;
  if (outW <= 0 || outH <= 0) {
    throw new RangeError(`image ${width}x${height} is smaller than the ${2 * r + 1}x${2 * r + 1} SSIM window`);
  }
  const w = window.weights;
  const covNorm = window.covNorm;
  const c1 = (0.01 * dataRange) ** 2;
  const c2 = (0.03 * dataRange) ** 2;
  const rows = scratch.rows.length >= 4 * width ? scratch.rows : new Float64Array(4 * width);
  const offY = width;
  const offS = 2 * width;
  const offP = 3 * width;
  const w0 = w[0];
  let sumSsim = 0;
  let sumCs = 0;
  for (let o = 0; o < outH; o++) {
    const base = (o + r) * width;
    // vertical pass over every column of the centre row
    for (let j = 0; j < width; j++) {
      const p = base + j;
      const x0 = x[p];
      const y0 = y[p];
      let sx = w0 * x0;
      let sy = w0 * y0;
      let ss = w0 * (x0 * x0 + y0 * y0);
      let sp = w0 * (x0 * y0);
      for (let t = 1, off = width; t <= r; t++, off += width) {
        const wt = w[t];
        const xa = x[p - off];
        const xb = x[p + off];
        const ya = y[p - off];
        const yb = y[p + off];
        sx += wt * (xa + xb);
        sy += wt * (ya + yb);
        ss += wt * (xa * xa + ya * ya + xb * xb + yb * yb);
        sp += wt * (xa * ya + xb * yb);
      }
      rows[j] = sx;
      rows[offY + j] = sy;
      rows[offS + j] = ss;
      rows[offP + j] = sp;
    }
    // horizontal pass and SSIM for the valid columns
    for (let j = r; j < width - r; j++) {
      let mx = w0 * rows[j];
      let my = w0 * rows[offY + j];
      let ms = w0 * rows[offS + j];
      let mp = w0 * rows[offP + j];
      for (let t = 1; t <= r; t++) {
        const wt = w[t];
        const a = j - t;
        const b = j + t;
        mx += wt * (rows[a] + rows[b]);
        my += wt * (rows[offY + a] + rows[offY + b]);
        ms += wt * (rows[offS + a] + rows[offS + b]);
        mp += wt * (rows[offP + a] + rows[offP + b]);
      }
      const mxy = mx * my;
      const mm = mx * mx + my * my;
      const a2 = 2 * covNorm * (mp - mxy) + c2;
      const b2 = covNorm * (ms - mm) + c2;
      const a1 = 2 * mxy + c1;
      const b1 = mm + c1;
      sumSsim += (a1 * a2) / (b1 * b2);
      sumCs += a2 / b2;
    }
  }
  const n = outW * outH;
  return { ssim: sumSsim / n, cs: sumCs / n };
}
