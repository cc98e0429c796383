/** One 8-bit image: `height` rows of `width` pixels, `channels` interleaved samples each (HWC). */
export interface Image8 {
  width: number;
  height: number;
  channels: number;
  data: Uint8Array;
}

/** 8-bit RGB frames of one size, each height×width×3 interleaved (what PNG and Y4M writers take). */
export interface Frames8 {
  /** One buffer per frame, RGB interleaved, row-major. */
  frames: Uint8Array[];
  height: number;
  width: number;
}
