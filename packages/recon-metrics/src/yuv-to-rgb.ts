/** Chroma subsampling of an 8-bit YUV frame. */
export type ChromaLayout = '420' | '444';

/** An 8-bit planar YUV frame (Y full size, U and V subsampled per `layout`). */
export interface YuvFrame {
  width: number;
  height: number;
  layout: ChromaLayout;
  y: Uint8Array;
  u: Uint8Array;
  v: Uint8Array;
  /** 'limited' (16-235 luma, the Y4M default) or 'full' (0-255). */
  range: 'limited' | 'full';
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
