/** Y4M chroma layouts evalkit writes: 4:4:4 (no subsampling) or 4:2:0 (2×2 averaged, JPEG siting). */
export type ChromaLayout = '444' | '420';

const clamp8 = (v: number) => (v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v));

/**
 * RGB → Y'CbCr with BT.601 coefficients in full range (the JPEG/JFIF convention, what PIL's
 * "YCbCr" mode computes): Y = .299R + .587G + .114B, Cb = 128 + .564(B − Y), Cr = 128 + .713(R − Y).
 * Returns the Y, Cb, Cr planes; 4:2:0 averages each 2×2 block (odd sizes round up).
 */
export function rgbToYcbcrPlanes(rgb: Uint8Array, height: number, width: number, chroma: ChromaLayout): [Uint8Array, Uint8Array, Uint8Array] {
  const n = height * width;
  const y = new Uint8Array(n);
  const cbFull = new Float32Array(n);
  const crFull = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const r = rgb[i * 3];
    const g = rgb[i * 3 + 1];
    const b = rgb[i * 3 + 2];
    y[i] = clamp8(0.299 * r + 0.587 * g + 0.114 * b);
    cbFull[i] = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
    crFull[i] = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
  }
  if (chroma === '444') return [y, Uint8Array.from(cbFull, clamp8), Uint8Array.from(crFull, clamp8)];
  const ch = Math.ceil(height / 2);
  const cw = Math.ceil(width / 2);
  const cb = new Uint8Array(ch * cw);
  const cr = new Uint8Array(ch * cw);
  for (let r = 0; r < ch; r++)
    for (let c = 0; c < cw; c++) {
      let sb = 0;
      let sr = 0;
      let k = 0;
      for (let dy = 0; dy < 2; dy++)
        for (let dx = 0; dx < 2; dx++) {
          const yy = 2 * r + dy;
          const xx = 2 * c + dx;
          if (yy >= height || xx >= width) continue;
          sb += cbFull[yy * width + xx];
          sr += crFull[yy * width + xx];
          k++;
        }
      cb[r * cw + c] = clamp8(sb / k);
      cr[r * cw + c] = clamp8(sr / k);
    }
  return [y, cb, cr];
}

/** Y'CbCr planes (BT.601 full range, 4:4:4 or 4:2:0 upsampled by replication) → interleaved RGB. */
export function ycbcrPlanesToRgb(y: Uint8Array, cb: Uint8Array, cr: Uint8Array, height: number, width: number, chroma: ChromaLayout): Uint8Array {
  const out = new Uint8Array(height * width * 3);
  const cw = chroma === '444' ? width : Math.ceil(width / 2);
  for (let r = 0; r < height; r++)
    for (let c = 0; c < width; c++) {
      const i = r * width + c;
      const j = chroma === '444' ? i : (r >> 1) * cw + (c >> 1);
      const yy = y[i];
      const b = cb[j] - 128;
      const rr = cr[j] - 128;
      out[i * 3] = clamp8(yy + 1.402 * rr);
      out[i * 3 + 1] = clamp8(yy - 0.344136 * b - 0.714136 * rr);
      out[i * 3 + 2] = clamp8(yy + 1.772 * b);
    }
  return out;
}
