// SSIM of two interleaved frames with the 11-tap window on the WebAssembly kernels, split into
// column strips that one thread or a team of worker threads (ssim-team.ts) computes.
import type { FrameData } from '../frame';
import type { SsimStats } from '../ssim-plane';
import type { SsimWindow } from '../ssim-window';
import { align64, ensureBytes, KERNEL_RADII, type MetricsKernels } from './wasm-kernels';

/** Output samples per strip, about: the strip's ring of 12 filtered rows (12 × 64 bytes per sample pair) then fits in L2. */
export const STRIP_SAMPLES = 512;

/** Byte offsets of the fixed regions at the start of kernel memory. */
export const CONTROL_OFFSET = 0; // Int32 × 16: the team's control words (ssim-team.ts)
export const PARAMS_OFFSET = 64; // Float64 × 24: the job, read by every thread
export const PARAMS_COUNT = 24;
const RESULTS_OFFSET = PARAMS_OFFSET + 8 * PARAMS_COUNT;

/** Positions in the Float64 job block (also read by the worker script in ssim-team.ts). */
export const P = { channels: 0, x: 1, y: 2, u8: 3, rowLen: 4, outRows: 5, strips: 6, stripWidth: 7, start: 8, end: 9, scratch: 10, scratchStride: 11, results: 12, w0: 13, c1: 19, c2: 20, cov: 21, radius: 22 } as const;

/** Strips of the valid columns (interleaved sample indices start..end), equal and even except the last. */
export function stripGeometry(validSamples: number): { strips: number; width: number } {
  const strips = Math.max(1, Math.ceil(validSamples / STRIP_SAMPLES));
  const width = 2 * Math.ceil(validSamples / (2 * strips));
  return { strips: Math.ceil(validSamples / width), width };
}

/** Scratch bytes one thread needs for strips of `width` samples (4 product rows, the ring of 2r+2 filtered rows, a moments block). */
export function scratchBytes(width: number, channels: number, radius: number): number {
  const pairs = Math.ceil(width / 2);
  const lp = Math.ceil((2 * pairs + 2 * channels * radius + 2) / 4) * 4 * 8;
  return align64(4 * lp + (2 * radius + 2) * pairs * 64 + 128 + 64);
}

/** Something that computes the strips of a prepared job: this thread alone, or a team. */
export type StripRunner = (kernels: MetricsKernels, strips: number) => void;

/** Runs strip `k` of the job in `params` with scratch slot `slot` (the same arithmetic as the worker script). */
export function runStrip(kernels: MetricsKernels, params: Float64Array, k: number, slot: number): void {
  const s0 = params[P.start] + k * params[P.stripWidth];
  const s1 = Math.min(params[P.end], s0 + params[P.stripWidth]);
  kernels.ssim[params[P.radius]][params[P.channels]](
    params[P.x], params[P.y], params[P.u8], params[P.rowLen], 0, params[P.outRows], s0, s1,
    params[P.scratch] + slot * params[P.scratchStride], params[P.results] + 16 * k,
    params[P.w0], params[P.w0 + 1], params[P.w0 + 2], params[P.w0 + 3], params[P.w0 + 4], params[P.w0 + 5],
    params[P.c1], params[P.c2], params[P.cov],
  );
}

/** Whether the WebAssembly kernels have this window (a symmetric one of radius 5 or 3). */
export const kernelHasWindow = (window: SsimWindow): boolean => (KERNEL_RADII as readonly number[]).includes(window.radius);

/** Computes every strip on this thread. */
export const onThisThread: StripRunner = (kernels, strips) => {
  const params = new Float64Array(kernels.memory.buffer, PARAMS_OFFSET, PARAMS_COUNT);
  for (let k = 0; k < strips; k++) runStrip(kernels, params, k, 0);
};

/** Where two inputs sit in kernel memory: byte addresses, uint8 or float64, and the first free byte after them. */
export interface PlacedInputs {
  xPtr: number;
  yPtr: number;
  u8: boolean;
  end: number;
}

/** Checks what the kernel can do: an 11- or 7-tap window, 1..4 channels, an image at least as large as the window. */
function checkShape(width: number, height: number, channels: number, window: SsimWindow): void {
  const r = window.radius;
  const side = 2 * r + 1;
  if (!kernelHasWindow(window)) throw new RangeError(`the WebAssembly SSIM kernels have 11-tap and 7-tap windows, got ${side} taps`);
  if (!(channels >= 1 && channels <= 4)) throw new RangeError(`the WebAssembly SSIM kernel takes 1 to 4 channels, got ${channels}`);
  if (width - 2 * r <= 0 || height - 2 * r <= 0) throw new RangeError(`image ${width}x${height} is smaller than the ${side}x${side} SSIM window`);
}

/** Strips of a frame's valid columns (the results block needs one 16-byte slot per strip). */
export function stripsOf(width: number, channels: number, radius: number): { strips: number; width: number } {
  return stripGeometry(channels * (width - 2 * radius));
}

/** The first byte after the results block of a job with `strips` strips: where inputs may start. */
export const inputsBase = (strips: number): number => align64(RESULTS_OFFSET + 16 * strips);

/**
 * Copies two frames' samples into kernel memory at `at` (uint8 stays uint8 when both are uint8;
 * anything else becomes float64), growing the memory as needed.
 */
export function placeInputs(kernels: MetricsKernels, x: FrameData, y: FrameData, at: number): PlacedInputs {
  const n = x.length;
  const u8 = x instanceof Uint8Array && y instanceof Uint8Array;
  const bpe = u8 ? 1 : 8;
  const xPtr = align64(at);
  // padding: the kernel reads up to four samples past a strip's last row
  const yPtr = align64(xPtr + n * bpe + 64);
  const end = align64(yPtr + n * bpe + 64);
  ensureBytes(kernels.memory, end);
  const buffer = kernels.memory.buffer;
  if (u8) {
    new Uint8Array(buffer, xPtr, n).set(x);
    new Uint8Array(buffer, yPtr, n).set(y);
  } else {
    new Float64Array(buffer, xPtr, n).set(x);
    new Float64Array(buffer, yPtr, n).set(y);
  }
  return { xPtr, yPtr, u8, end };
}

/** The frames' layout and data range, and who runs the strips on how many threads at once (ssimStrips and ssimPlaced take the same). */
type SsimFrames = [width: number, height: number, channels: number, window: SsimWindow, dataRange: number, run?: StripRunner, slots?: number];

/**
 * Mean SSIM and cs over all channels of two interleaved frames (`channels` 1..4), 11-tap window.
 * Inputs are copied into kernel memory once (uint8 stays uint8; float32 is widened to float64).
 * Strip sums are added in strip order whatever thread computed them, so the result does not
 * depend on the thread count. `slots` is how many threads may run strips at once.
 */
export function ssimStrips(kernels: MetricsKernels, x: FrameData, y: FrameData, ...frames: SsimFrames): SsimStats {
  const [width, height, channels, window] = frames;
  checkShape(width, height, channels, window);
  const placed = placeInputs(kernels, x, y, inputsBase(stripsOf(width, channels, window.radius).strips));
  return ssimPlaced(kernels, placed, ...frames);
}

/** ssimStrips on inputs already in kernel memory (after the results block); scratch goes after `placed.end`. */
export function ssimPlaced(kernels: MetricsKernels, placed: PlacedInputs, ...frames: SsimFrames): SsimStats {
  const [width, height, channels, window, dataRange, run = onThisThread, slots = 1] = frames;
  checkShape(width, height, channels, window);
  const r = window.radius;
  const outW = width - 2 * r;
  const outH = height - 2 * r;
  const start = channels * r;
  const end = channels * (width - r);
  const { strips, width: stripWidth } = stripGeometry(end - start);
  if (Math.min(placed.xPtr, placed.yPtr) < inputsBase(strips)) throw new RangeError('inputs overlap the SSIM results block');
  const scratch = align64(placed.end);
  const stride = scratchBytes(stripWidth, channels, r);
  ensureBytes(kernels.memory, scratch + slots * stride);
  const buffer = kernels.memory.buffer;
  const results = new Float64Array(buffer, RESULTS_OFFSET, 2 * strips).fill(0);
  const params = new Float64Array(buffer, PARAMS_OFFSET, PARAMS_COUNT);
  params[P.channels] = channels;
  params[P.x] = placed.xPtr;
  params[P.y] = placed.yPtr;
  params[P.u8] = placed.u8 ? 1 : 0;
  params[P.rowLen] = width * channels;
  params[P.outRows] = outH;
  params[P.strips] = strips;
  params[P.stripWidth] = stripWidth;
  params[P.start] = start;
  params[P.end] = end;
  params[P.scratch] = scratch;
  params[P.scratchStride] = stride;
  params[P.results] = RESULTS_OFFSET;
  for (let t = 0; t <= 5; t++) params[P.w0 + t] = t <= r ? window.weights[t] : 0;
  params[P.radius] = r;
  params[P.c1] = (0.01 * dataRange) ** 2;
  params[P.c2] = (0.03 * dataRange) ** 2;
  params[P.cov] = window.covNorm;
  run(kernels, strips);
  let sumSsim = 0;
  let sumCs = 0;
  for (let k = 0; k < strips; k++) {
    sumSsim += results[2 * k];
    sumCs += results[2 * k + 1];
  }
  const count = outW * outH * channels;
  return { ssim: sumSsim / count, cs: sumCs / count };
}
