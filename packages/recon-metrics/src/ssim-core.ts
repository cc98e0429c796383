import type { SsimWindow } from './ssim-window';

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
export function ssimPlane(
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
  if (r === 5) return ssimPlaneRadius5(x, y, width, height, window, dataRange, rows);
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

/**
 * ssimPlane for the 11-tap window (radius 5), fully unrolled: the hot path of the Wang convention
 * and of MS-SSIM. Same arithmetic as the generic loop, about 1.5x faster in V8.
 */
function ssimPlaneRadius5(
  x: Float64Array,
  y: Float64Array,
  width: number,
  height: number,
  window: SsimWindow,
  dataRange: number,
  rows: Float64Array,
): SsimStats {
  const w = window.weights;
  const covNorm = window.covNorm;
  const [w0, w1, w2, w3, w4, w5] = w;
  const c1 = (0.01 * dataRange) ** 2;
  const c2 = (0.03 * dataRange) ** 2;
  const rx = rows.subarray(0, width);
  const ry = rows.subarray(width, 2 * width);
  const rs = rows.subarray(2 * width, 3 * width);
  const rp = rows.subarray(3 * width, 4 * width);
  const o1 = width;
  const o2 = 2 * width;
  const o3 = 3 * width;
  const o4 = 4 * width;
  const o5 = 5 * width;
  const outH = height - 10;
  let sumSsim = 0;
  let sumCs = 0;
  for (let o = 0; o < outH; o++) {
    const base = (o + 5) * width;
    for (let j = 0; j < width; j++) {
      const p = base + j;
      const x0 = x[p];
      const y0 = y[p];
      const xa1 = x[p - o1];
      const xb1 = x[p + o1];
      const ya1 = y[p - o1];
      const yb1 = y[p + o1];
      const xa2 = x[p - o2];
      const xb2 = x[p + o2];
      const ya2 = y[p - o2];
      const yb2 = y[p + o2];
      const xa3 = x[p - o3];
      const xb3 = x[p + o3];
      const ya3 = y[p - o3];
      const yb3 = y[p + o3];
      const xa4 = x[p - o4];
      const xb4 = x[p + o4];
      const ya4 = y[p - o4];
      const yb4 = y[p + o4];
      const xa5 = x[p - o5];
      const xb5 = x[p + o5];
      const ya5 = y[p - o5];
      const yb5 = y[p + o5];
      rx[j] =
        w0 * x0 + w1 * (xa1 + xb1) + w2 * (xa2 + xb2) + w3 * (xa3 + xb3) + w4 * (xa4 + xb4) + w5 * (xa5 + xb5);
      ry[j] =
        w0 * y0 + w1 * (ya1 + yb1) + w2 * (ya2 + yb2) + w3 * (ya3 + yb3) + w4 * (ya4 + yb4) + w5 * (ya5 + yb5);
      rs[j] =
        w0 * (x0 * x0 + y0 * y0) +
        w1 * (xa1 * xa1 + ya1 * ya1 + xb1 * xb1 + yb1 * yb1) +
        w2 * (xa2 * xa2 + ya2 * ya2 + xb2 * xb2 + yb2 * yb2) +
        w3 * (xa3 * xa3 + ya3 * ya3 + xb3 * xb3 + yb3 * yb3) +
        w4 * (xa4 * xa4 + ya4 * ya4 + xb4 * xb4 + yb4 * yb4) +
        w5 * (xa5 * xa5 + ya5 * ya5 + xb5 * xb5 + yb5 * yb5);
      rp[j] =
        w0 * (x0 * y0) +
        w1 * (xa1 * ya1 + xb1 * yb1) +
        w2 * (xa2 * ya2 + xb2 * yb2) +
        w3 * (xa3 * ya3 + xb3 * yb3) +
        w4 * (xa4 * ya4 + xb4 * yb4) +
        w5 * (xa5 * ya5 + xb5 * yb5);
    }
    for (let j = 5; j < width - 5; j++) {
      const mx =
        w0 * rx[j] + w1 * (rx[j - 1] + rx[j + 1]) + w2 * (rx[j - 2] + rx[j + 2]) + w3 * (rx[j - 3] + rx[j + 3]) + w4 * (rx[j - 4] + rx[j + 4]) + w5 * (rx[j - 5] + rx[j + 5]);
      const my =
        w0 * ry[j] + w1 * (ry[j - 1] + ry[j + 1]) + w2 * (ry[j - 2] + ry[j + 2]) + w3 * (ry[j - 3] + ry[j + 3]) + w4 * (ry[j - 4] + ry[j + 4]) + w5 * (ry[j - 5] + ry[j + 5]);
      const ms =
        w0 * rs[j] + w1 * (rs[j - 1] + rs[j + 1]) + w2 * (rs[j - 2] + rs[j + 2]) + w3 * (rs[j - 3] + rs[j + 3]) + w4 * (rs[j - 4] + rs[j + 4]) + w5 * (rs[j - 5] + rs[j + 5]);
      const mp =
        w0 * rp[j] + w1 * (rp[j - 1] + rp[j + 1]) + w2 * (rp[j - 2] + rp[j + 2]) + w3 * (rp[j - 3] + rp[j + 3]) + w4 * (rp[j - 4] + rp[j + 4]) + w5 * (rp[j - 5] + rp[j + 5]);
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
  const n = (width - 10) * outH;
  return { ssim: sumSsim / n, cs: sumCs / n };
}
