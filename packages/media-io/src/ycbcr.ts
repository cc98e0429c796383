/** Chroma subsampling of an 8-bit YUV frame: 4:4:4 (none) or 4:2:0 (2×2 blocks share one Cb, Cr). */
export type ChromaLayout = '420' | '444';

/**
 * Quantisation range of 8-bit Y'CbCr. 'limited' (studio swing: Y 16–235, Cb/Cr 16–240) is what an
 * untagged Y4M file holds, as ffmpeg reads it; 'full' (0–255, the JPEG/JFIF convention) is marked
 * in Y4M by the XCOLORRANGE=FULL tag.
 */
export type ColourRange = 'limited' | 'full';

/** An 8-bit planar YUV frame (Y full size, U and V subsampled per `layout`). */
export interface YuvFrame {
  width: number;
  height: number;
  layout: ChromaLayout;
  y: Uint8Array;
  u: Uint8Array;
  v: Uint8Array;
  /** 'limited' (16-235 luma, the Y4M default) or 'full' (0-255). */
  range: ColourRange;
}

// BT.601: Kr 0.299, Kb 0.114.
const KR = 0.299;
const KB = 0.114;
const KG = 1 - KR - KB;

/**
 * Converts 8-bit YUV to interleaved 8-bit RGB (rounded, clamped) with the BT.601 matrix, the
 * colour space Y4M files carry unless told otherwise — what `ffmpeg -pix_fmt rgb24` hands a tool. 4:2:0 chroma is upsampled by
 * replication (each chroma sample covers its 2x2 block), which ignores chroma siting: the same
 * rule applies to reference and test, so comparisons stay fair.
 */
export function yuvToRgb(frame: YuvFrame): Uint8Array {
  const { width, height, y, u, v } = frame;
  const limited = frame.range === 'limited';
  const ys = limited ? 255 / 219 : 1;
  const yo = limited ? 16 : 0;
  const cs = limited ? 255 / 224 : 1;
  const rv = cs * 2 * (1 - KR);
  const bu = cs * 2 * (1 - KB);
  const gu = (cs * 2 * (1 - KB) * KB) / KG;
  const gv = (cs * 2 * (1 - KR) * KR) / KG;
  const cw = frame.layout === '420' ? Math.ceil(width / 2) : width;
  const shift = frame.layout === '420' ? 1 : 0;
  const out = new Uint8Array(width * height * 3);
  const clamp = (x: number) => (x < 0 ? 0 : x > 255 ? 255 : Math.round(x));
  for (let i = 0; i < height; i++) {
    const crow = (i >> shift) * cw;
    for (let j = 0; j < width; j++) {
      const l = ys * (y[i * width + j] - yo);
      const ci = crow + (j >> shift);
      const cb = u[ci] - 128;
      const cr = v[ci] - 128;
      const o = (i * width + j) * 3;
      out[o] = clamp(l + rv * cr);
      out[o + 1] = clamp(l - gu * cb - gv * cr);
      out[o + 2] = clamp(l + bu * cb);
    }
  }
  return out;
}

const clamp8 = (v: number) => (v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v));

/**
 * RGB → Y'CbCr with BT.601 coefficients in full range (the JPEG/JFIF convention, what PIL's
 * "YCbCr" mode computes): Y = .299R + .587G + .114B, Cb = 128 + .564(B − Y), Cr = 128 + .713(R − Y).
 * Returns the Y, Cb, Cr planes; 4:2:0 averages each 2×2 block (odd sizes round up). Full range
 * keeps every 8-bit level, so a round trip loses only the Y'CbCr rounding.
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
