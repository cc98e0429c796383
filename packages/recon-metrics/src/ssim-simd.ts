// The 11-tap SSIM kernel in WebAssembly (f64x2 SIMD); its source is wasm/ssim5.wat, which
// documents the algorithm and the arguments. This file instantiates it and lays out its memory.
import { readSsimKernelBytes } from './io/ssim-kernel-file';
import type { SsimStats } from './ssim-plane';
import type { SsimWindow } from './ssim-window';

type Kernel = (...args: number[]) => void;

// The project's TypeScript lib (ES2023, no DOM) does not declare WebAssembly; these are the parts used.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

interface SimdState {
  memory: WasmMemory;
  kernel: Kernel;
}

let state: SimdState | null | undefined;

function init(): SimdState | null {
  if (state !== undefined) return state;
  try {
    if (!wasm) return (state = null);
    const memory = new wasm.Memory({ initial: 1 });
    const instance = new wasm.Instance(new wasm.Module(readSsimKernelBytes()), { env: { memory } });
    state = { memory, kernel: instance.exports.ssim5 as Kernel };
  } catch {
    // no WebAssembly SIMD here (never on Node >= 20): callers use the generic TypeScript loop
    state = null;
  }
  return state;
}

/** Whether the WebAssembly SIMD kernel is available in this runtime. */
export function simdSsimAvailable(): boolean {
  return init() !== null;
}

const HEADER = 64;

function layout(width: number, height: number) {
  const planeBytes = width * height * 8 + 64; // padding: the last column pair reads one sample past the plane
  const xOff = HEADER;
  const yOff = xOff + planeBytes;
  const rowsOff = yOff + planeBytes;
  const total = rowsOff + 4 * (width + 4) * 8 + 64;
  return { xOff, yOff, rowsOff, total };
}

/** Float64 views of the kernel's input planes inside WebAssembly memory (valid until the next call that grows it). */
export function simdPlanes(width: number, height: number): { x: Float64Array; y: Float64Array } {
  const s = init();
  if (!s) throw new Error('WebAssembly SIMD is not available');
  const l = layout(width, height);
  const need = Math.ceil(l.total / 65536) - s.memory.buffer.byteLength / 65536;
  if (need > 0) s.memory.grow(need);
  const n = width * height;
  return { x: new Float64Array(s.memory.buffer, l.xOff, n), y: new Float64Array(s.memory.buffer, l.yOff, n) };
}

/**
 * SSIM of two planes with the 11-tap window via the SIMD kernel. Planes that are not already the
 * views from simdPlanes are copied in first.
 */
export function ssimPlaneSimd(x: Float64Array, y: Float64Array, width: number, height: number, window: SsimWindow, dataRange: number): SsimStats {
  const s = init();
  if (!s || window.radius !== 5) throw new Error('the SIMD kernel needs WebAssembly SIMD and an 11-tap window');
  const views = simdPlanes(width, height);
  if (x.buffer !== views.x.buffer || x.byteOffset !== views.x.byteOffset) views.x.set(x.subarray(0, width * height));
  if (y.buffer !== views.y.buffer || y.byteOffset !== views.y.byteOffset) views.y.set(y.subarray(0, width * height));
  const l = layout(width, height);
  const w = window.weights;
  s.kernel(l.xOff, l.yOff, l.rowsOff, width, height, 0, w[0], w[1], w[2], w[3], w[4], w[5], (0.01 * dataRange) ** 2, (0.03 * dataRange) ** 2, window.covNorm);
  const res = new Float64Array(s.memory.buffer, 0, 2);
  const n = (width - 10) * (height - 10);
  return { ssim: res[0] / n, cs: res[1] / n };
}
