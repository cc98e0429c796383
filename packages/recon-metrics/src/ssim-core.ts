import type { SsimWindow } from './ssim-window';
import { simdSsimAvailable, ssimPlaneSimd } from './ssim-simd';

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
  return { rows: new Float64Array(8 * width) };
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
  scratch?: SsimScratch,
): SsimStats {
  // the 11-tap window (Wang convention, MS-SSIM) runs on the f64x2 WebAssembly kernel when the
  // runtime has SIMD; both kernels do the same float64 arithmetic (tests check they agree)
  if (window.radius === 5 && width > 10 && height > 10 && simdSsimAvailable()) return ssimPlaneSimd(x, y, width, height, window, dataRange);
  return ssimPlaneScalar(x, y, width, height, window, dataRange, scratch);
}

/** ssimPlane on plain JavaScript numbers only (the fallback without WebAssembly SIMD, and the cross-check for it). */
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
 * ssimPlane for the 11-tap window (radius 5), unrolled and done two output rows (and, in the
 * horizontal pass, two columns) at a time: the two rows share 10 of their 11 input rows, so each
 * input value is loaded and squared once per pair instead of once per row. This is the hot path
 * of the Wang convention and of MS-SSIM; the arithmetic per output is the same as the generic loop.
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
  const [w0, w1, w2, w3, w4, w5] = window.weights;
  const outH = height - 10;
  const acc = new Float64Array(2);
  const sets = rows.length >= 8 * width ? rows : new Float64Array(8 * width);
  const rxA = sets.subarray(0, width);
  const ryA = sets.subarray(width, 2 * width);
  const rqA = sets.subarray(2 * width, 3 * width);
  const rrA = sets.subarray(3 * width, 4 * width);
  const rxB = sets.subarray(4 * width, 5 * width);
  const ryB = sets.subarray(5 * width, 6 * width);
  const rqB = sets.subarray(6 * width, 7 * width);
  const rrB = sets.subarray(7 * width, 8 * width);
  const offs = [1, 2, 3, 4, 5, 6].map((k) => k * width);
  const [o1, o2, o3, o4, o5, o6] = offs;
  let o = 0;
  for (; o + 1 < outH; o += 2) {
    const base = (o + 5) * width;
    for (let j = 0; j < width; j++) {
      const p = base + j;
      const xm5 = x[p - o5];
      const ym5 = y[p - o5];
      const xm4 = x[p - o4];
      const ym4 = y[p - o4];
      const xm3 = x[p - o3];
      const ym3 = y[p - o3];
      const xm2 = x[p - o2];
      const ym2 = y[p - o2];
      const xm1 = x[p - o1];
      const ym1 = y[p - o1];
      const x0 = x[p];
      const y0 = y[p];
      const x1 = x[p + o1];
      const y1 = y[p + o1];
      const x2 = x[p + o2];
      const y2 = y[p + o2];
      const x3 = x[p + o3];
      const y3 = y[p + o3];
      const x4 = x[p + o4];
      const y4 = y[p + o4];
      const x5 = x[p + o5];
      const y5 = y[p + o5];
      const x6 = x[p + o6];
      const y6 = y[p + o6];
      const qm5 = xm5 * xm5 + ym5 * ym5;
      const rm5 = xm5 * ym5;
      const qm4 = xm4 * xm4 + ym4 * ym4;
      const rm4 = xm4 * ym4;
      const qm3 = xm3 * xm3 + ym3 * ym3;
      const rm3 = xm3 * ym3;
      const qm2 = xm2 * xm2 + ym2 * ym2;
      const rm2 = xm2 * ym2;
      const qm1 = xm1 * xm1 + ym1 * ym1;
      const rm1 = xm1 * ym1;
      const q0 = x0 * x0 + y0 * y0;
      const r0 = x0 * y0;
      const q1 = x1 * x1 + y1 * y1;
      const r1 = x1 * y1;
      const q2 = x2 * x2 + y2 * y2;
      const r2 = x2 * y2;
      const q3 = x3 * x3 + y3 * y3;
      const r3 = x3 * y3;
      const q4 = x4 * x4 + y4 * y4;
      const r4 = x4 * y4;
      const q5 = x5 * x5 + y5 * y5;
      const r5 = x5 * y5;
      const q6 = x6 * x6 + y6 * y6;
      const r6 = x6 * y6;
      rxA[j] = w0 * x0 + w1 * (xm1 + x1) + w2 * (xm2 + x2) + w3 * (xm3 + x3) + w4 * (xm4 + x4) + w5 * (xm5 + x5);
      rxB[j] = w0 * x1 + w1 * (x0 + x2) + w2 * (xm1 + x3) + w3 * (xm2 + x4) + w4 * (xm3 + x5) + w5 * (xm4 + x6);
      ryA[j] = w0 * y0 + w1 * (ym1 + y1) + w2 * (ym2 + y2) + w3 * (ym3 + y3) + w4 * (ym4 + y4) + w5 * (ym5 + y5);
      ryB[j] = w0 * y1 + w1 * (y0 + y2) + w2 * (ym1 + y3) + w3 * (ym2 + y4) + w4 * (ym3 + y5) + w5 * (ym4 + y6);
      rqA[j] = w0 * q0 + w1 * (qm1 + q1) + w2 * (qm2 + q2) + w3 * (qm3 + q3) + w4 * (qm4 + q4) + w5 * (qm5 + q5);
      rqB[j] = w0 * q1 + w1 * (q0 + q2) + w2 * (qm1 + q3) + w3 * (qm2 + q4) + w4 * (qm3 + q5) + w5 * (qm4 + q6);
      rrA[j] = w0 * r0 + w1 * (rm1 + r1) + w2 * (rm2 + r2) + w3 * (rm3 + r3) + w4 * (rm4 + r4) + w5 * (rm5 + r5);
      rrB[j] = w0 * r1 + w1 * (r0 + r2) + w2 * (rm1 + r3) + w3 * (rm2 + r4) + w4 * (rm3 + r5) + w5 * (rm4 + r6);
    }
    horizontalRadius5(rxA, ryA, rqA, rrA, width, window, dataRange, acc);
    horizontalRadius5(rxB, ryB, rqB, rrB, width, window, dataRange, acc);
  }
  if (o < outH) {
    // odd number of output rows: the last one alone
    const base = (o + 5) * width;
    for (let j = 0; j < width; j++) {
      const p = base + j;
      const xm5 = x[p - o5];
      const ym5 = y[p - o5];
      const xm4 = x[p - o4];
      const ym4 = y[p - o4];
      const xm3 = x[p - o3];
      const ym3 = y[p - o3];
      const xm2 = x[p - o2];
      const ym2 = y[p - o2];
      const xm1 = x[p - o1];
      const ym1 = y[p - o1];
      const x0 = x[p];
      const y0 = y[p];
      const x1 = x[p + o1];
      const y1 = y[p + o1];
      const x2 = x[p + o2];
      const y2 = y[p + o2];
      const x3 = x[p + o3];
      const y3 = y[p + o3];
      const x4 = x[p + o4];
      const y4 = y[p + o4];
      const x5 = x[p + o5];
      const y5 = y[p + o5];
      const qm5 = xm5 * xm5 + ym5 * ym5;
      const rm5 = xm5 * ym5;
      const qm4 = xm4 * xm4 + ym4 * ym4;
      const rm4 = xm4 * ym4;
      const qm3 = xm3 * xm3 + ym3 * ym3;
      const rm3 = xm3 * ym3;
      const qm2 = xm2 * xm2 + ym2 * ym2;
      const rm2 = xm2 * ym2;
      const qm1 = xm1 * xm1 + ym1 * ym1;
      const rm1 = xm1 * ym1;
      const q0 = x0 * x0 + y0 * y0;
      const r0 = x0 * y0;
      const q1 = x1 * x1 + y1 * y1;
      const r1 = x1 * y1;
      const q2 = x2 * x2 + y2 * y2;
      const r2 = x2 * y2;
      const q3 = x3 * x3 + y3 * y3;
      const r3 = x3 * y3;
      const q4 = x4 * x4 + y4 * y4;
      const r4 = x4 * y4;
      const q5 = x5 * x5 + y5 * y5;
      const r5 = x5 * y5;
      rxA[j] = w0 * x0 + w1 * (xm1 + x1) + w2 * (xm2 + x2) + w3 * (xm3 + x3) + w4 * (xm4 + x4) + w5 * (xm5 + x5);
      ryA[j] = w0 * y0 + w1 * (ym1 + y1) + w2 * (ym2 + y2) + w3 * (ym3 + y3) + w4 * (ym4 + y4) + w5 * (ym5 + y5);
      rqA[j] = w0 * q0 + w1 * (qm1 + q1) + w2 * (qm2 + q2) + w3 * (qm3 + q3) + w4 * (qm4 + q4) + w5 * (qm5 + q5);
      rrA[j] = w0 * r0 + w1 * (rm1 + r1) + w2 * (rm2 + r2) + w3 * (rm3 + r3) + w4 * (rm4 + r4) + w5 * (rm5 + r5);
    }
    horizontalRadius5(rxA, ryA, rqA, rrA, width, window, dataRange, acc);
  }
  const n = (width - 10) * outH;
  return { ssim: acc[0] / n, cs: acc[1] / n };
}

/** Horizontal 11-tap pass over one row of vertical statistics and the SSIM formula; adds sums of SSIM and cs into acc. */
function horizontalRadius5(
  rx: Float64Array,
  ry: Float64Array,
  rq: Float64Array,
  rr: Float64Array,
  width: number,
  window: SsimWindow,
  dataRange: number,
  acc: Float64Array,
): void {
  const [w0, w1, w2, w3, w4, w5] = window.weights;
  const covNorm = window.covNorm;
  const c1 = (0.01 * dataRange) ** 2;
  const c2 = (0.03 * dataRange) ** 2;
  let sumSsim = 0;
  let sumCs = 0;
  const end = width - 5;
  let j = 5;
  for (; j + 1 < end; j += 2) {
    const gxm5 = rx[j - 5];
    const gxm4 = rx[j - 4];
    const gxm3 = rx[j - 3];
    const gxm2 = rx[j - 2];
    const gxm1 = rx[j - 1];
    const gx0 = rx[j];
    const gx1 = rx[j + 1];
    const gx2 = rx[j + 2];
    const gx3 = rx[j + 3];
    const gx4 = rx[j + 4];
    const gx5 = rx[j + 5];
    const gx6 = rx[j + 6];
    const gxA = w0 * gx0 + w1 * (gxm1 + gx1) + w2 * (gxm2 + gx2) + w3 * (gxm3 + gx3) + w4 * (gxm4 + gx4) + w5 * (gxm5 + gx5);
    const gxB = w0 * gx1 + w1 * (gx0 + gx2) + w2 * (gxm1 + gx3) + w3 * (gxm2 + gx4) + w4 * (gxm3 + gx5) + w5 * (gxm4 + gx6);
    const gym5 = ry[j - 5];
    const gym4 = ry[j - 4];
    const gym3 = ry[j - 3];
    const gym2 = ry[j - 2];
    const gym1 = ry[j - 1];
    const gy0 = ry[j];
    const gy1 = ry[j + 1];
    const gy2 = ry[j + 2];
    const gy3 = ry[j + 3];
    const gy4 = ry[j + 4];
    const gy5 = ry[j + 5];
    const gy6 = ry[j + 6];
    const gyA = w0 * gy0 + w1 * (gym1 + gy1) + w2 * (gym2 + gy2) + w3 * (gym3 + gy3) + w4 * (gym4 + gy4) + w5 * (gym5 + gy5);
    const gyB = w0 * gy1 + w1 * (gy0 + gy2) + w2 * (gym1 + gy3) + w3 * (gym2 + gy4) + w4 * (gym3 + gy5) + w5 * (gym4 + gy6);
    const gqm5 = rq[j - 5];
    const gqm4 = rq[j - 4];
    const gqm3 = rq[j - 3];
    const gqm2 = rq[j - 2];
    const gqm1 = rq[j - 1];
    const gq0 = rq[j];
    const gq1 = rq[j + 1];
    const gq2 = rq[j + 2];
    const gq3 = rq[j + 3];
    const gq4 = rq[j + 4];
    const gq5 = rq[j + 5];
    const gq6 = rq[j + 6];
    const gqA = w0 * gq0 + w1 * (gqm1 + gq1) + w2 * (gqm2 + gq2) + w3 * (gqm3 + gq3) + w4 * (gqm4 + gq4) + w5 * (gqm5 + gq5);
    const gqB = w0 * gq1 + w1 * (gq0 + gq2) + w2 * (gqm1 + gq3) + w3 * (gqm2 + gq4) + w4 * (gqm3 + gq5) + w5 * (gqm4 + gq6);
    const grm5 = rr[j - 5];
    const grm4 = rr[j - 4];
    const grm3 = rr[j - 3];
    const grm2 = rr[j - 2];
    const grm1 = rr[j - 1];
    const gr0 = rr[j];
    const gr1 = rr[j + 1];
    const gr2 = rr[j + 2];
    const gr3 = rr[j + 3];
    const gr4 = rr[j + 4];
    const gr5 = rr[j + 5];
    const gr6 = rr[j + 6];
    const grA = w0 * gr0 + w1 * (grm1 + gr1) + w2 * (grm2 + gr2) + w3 * (grm3 + gr3) + w4 * (grm4 + gr4) + w5 * (grm5 + gr5);
    const grB = w0 * gr1 + w1 * (gr0 + gr2) + w2 * (grm1 + gr3) + w3 * (grm2 + gr4) + w4 * (grm3 + gr5) + w5 * (grm4 + gr6);
    {
      const mxy = gxA * gyA;
      const mm = gxA * gxA + gyA * gyA;
      const csNum = 2 * covNorm * (grA - mxy) + c2;
      const csDen = covNorm * (gqA - mm) + c2;
      const b1 = mm + c1;
      // one division gives both SSIM = A1·A2/(B1·B2) and cs = A2/B2 = A2·B1/(B1·B2)
      const inv = 1 / (b1 * csDen);
      sumSsim += (2 * mxy + c1) * csNum * inv;
      sumCs += csNum * b1 * inv;
    }
    {
      const mxy = gxB * gyB;
      const mm = gxB * gxB + gyB * gyB;
      const csNum = 2 * covNorm * (grB - mxy) + c2;
      const csDen = covNorm * (gqB - mm) + c2;
      const b1 = mm + c1;
      // one division gives both SSIM = A1·A2/(B1·B2) and cs = A2/B2 = A2·B1/(B1·B2)
      const inv = 1 / (b1 * csDen);
      sumSsim += (2 * mxy + c1) * csNum * inv;
      sumCs += csNum * b1 * inv;
    }
  }
  if (j < end) {
    const gxm5 = rx[j - 5];
    const gxm4 = rx[j - 4];
    const gxm3 = rx[j - 3];
    const gxm2 = rx[j - 2];
    const gxm1 = rx[j - 1];
    const gx0 = rx[j];
    const gx1 = rx[j + 1];
    const gx2 = rx[j + 2];
    const gx3 = rx[j + 3];
    const gx4 = rx[j + 4];
    const gx5 = rx[j + 5];
    const gxA = w0 * gx0 + w1 * (gxm1 + gx1) + w2 * (gxm2 + gx2) + w3 * (gxm3 + gx3) + w4 * (gxm4 + gx4) + w5 * (gxm5 + gx5);
    const gym5 = ry[j - 5];
    const gym4 = ry[j - 4];
    const gym3 = ry[j - 3];
    const gym2 = ry[j - 2];
    const gym1 = ry[j - 1];
    const gy0 = ry[j];
    const gy1 = ry[j + 1];
    const gy2 = ry[j + 2];
    const gy3 = ry[j + 3];
    const gy4 = ry[j + 4];
    const gy5 = ry[j + 5];
    const gyA = w0 * gy0 + w1 * (gym1 + gy1) + w2 * (gym2 + gy2) + w3 * (gym3 + gy3) + w4 * (gym4 + gy4) + w5 * (gym5 + gy5);
    const gqm5 = rq[j - 5];
    const gqm4 = rq[j - 4];
    const gqm3 = rq[j - 3];
    const gqm2 = rq[j - 2];
    const gqm1 = rq[j - 1];
    const gq0 = rq[j];
    const gq1 = rq[j + 1];
    const gq2 = rq[j + 2];
    const gq3 = rq[j + 3];
    const gq4 = rq[j + 4];
    const gq5 = rq[j + 5];
    const gqA = w0 * gq0 + w1 * (gqm1 + gq1) + w2 * (gqm2 + gq2) + w3 * (gqm3 + gq3) + w4 * (gqm4 + gq4) + w5 * (gqm5 + gq5);
    const grm5 = rr[j - 5];
    const grm4 = rr[j - 4];
    const grm3 = rr[j - 3];
    const grm2 = rr[j - 2];
    const grm1 = rr[j - 1];
    const gr0 = rr[j];
    const gr1 = rr[j + 1];
    const gr2 = rr[j + 2];
    const gr3 = rr[j + 3];
    const gr4 = rr[j + 4];
    const gr5 = rr[j + 5];
    const grA = w0 * gr0 + w1 * (grm1 + gr1) + w2 * (grm2 + gr2) + w3 * (grm3 + gr3) + w4 * (grm4 + gr4) + w5 * (grm5 + gr5);
    const mxy = gxA * gyA;
    const mm = gxA * gxA + gyA * gyA;
    const csNum = 2 * covNorm * (grA - mxy) + c2;
    const csDen = covNorm * (gqA - mm) + c2;
    const b1 = mm + c1;
    const inv = 1 / (b1 * csDen);
    sumSsim += (2 * mxy + c1) * csNum * inv;
    sumCs += csNum * b1 * inv;
  }
  acc[0] += sumSsim;
  acc[1] += sumCs;
}

