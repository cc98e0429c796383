// The metrics kernels in WebAssembly (source: wasm/generate-kernels.ts → wasm/metrics.wat): this
// file compiles them once per thread, owns their shared memory and grows it on demand.
import { setFlagsFromString } from 'node:v8';
import { readMetricsKernelBytes } from '../io/metrics-kernel-file';

/** An SSIM kernel call: see ssimFunction in wasm/generate-kernels.ts for the arguments. */
export type SsimKernel = (...args: number[]) => void;

// The project's TypeScript lib (ES2023, no DOM) does not declare WebAssembly; these are the parts used.
/** A WebAssembly.Memory (shared: its buffer is a SharedArrayBuffer). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  validate(bytes: Uint8Array): boolean;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** The compiled kernels and the memory they run on (one set per thread). */
export interface MetricsKernels {
  /** 'fma': the filters use relaxed SIMD's fused multiply-add; 'plain': SIMD 1.0 only. */
  variant: KernelVariant;
  memory: WasmMemory;
  /** The compiled module, for worker threads to instantiate on the same memory. */
  module: object;
  /** ssim[r][C]: the SSIM kernel for window radius r (5: 11 taps, 3: 7 taps) and C interleaved channels (1..4). */
  ssim: Record<number, Record<number, SsimKernel>>;
  /** halve[C]: 2x2 average pooling of C interleaved channels, (src, u8 ? 1 : 0, width, height, dst), float64 out. */
  halve: Record<number, (src: number, u8: number, width: number, height: number, dst: number) => void>;
  sseU8: (a: number, b: number, n: number) => number;
  flickerU8: (a0: number, a1: number, b0: number, b1: number, n: number) => number;
}

/** Which build of the kernels runs (see wasm/generate-kernels.ts). */
export type KernelVariant = 'plain' | 'fma';

/** Window radii with an SSIM kernel: 5 (11 taps: Wang, MS-SSIM) and 3 (7 taps: scikit-image's default). */
export const KERNEL_RADII = [5, 3] as const;

/** Largest memory the kernels may grow to (WebAssembly pages of 64 KiB: 4 GiB). */
export const MAX_PAGES = 65536;
const PAGE = 65536;

let compiled: { module: object; variant: KernelVariant } | null | undefined;
let kernels: MetricsKernels | null | undefined;

/**
 * Compiles the fastest build this runtime accepts. Relaxed SIMD (the fused multiply-add) is on by
 * default from Node 22; Node 20's V8 has it behind a flag, which is set here before compiling (it
 * only adds instructions the engine already implements). EVALKIT_WASM_FMA=0 forces the plain build,
 * e.g. to compare the two.
 */
function compile(api: WasmApi): { module: object; variant: KernelVariant } {
  if (process.env.EVALKIT_WASM_FMA !== '0') {
    const fma = readMetricsKernelBytes('fma');
    if (!api.validate(fma)) {
      try {
        setFlagsFromString('--experimental-wasm-relaxed-simd');
      } catch {
        // not a V8 that knows the flag: the plain build below
      }
    }
    if (api.validate(fma)) return { module: new api.Module(fma), variant: 'fma' };
  }
  return { module: new api.Module(readMetricsKernelBytes('plain')), variant: 'plain' };
}

/** Instantiates the module on `memory` (also what worker threads do with the module they are sent). */
export function instantiateKernels(module: object, memory: WasmMemory, variant: KernelVariant): MetricsKernels {
  if (!wasm) throw new Error('WebAssembly is not available');
  const e = new wasm.Instance(module, { env: { memory } }).exports;
  return {
    variant,
    memory,
    module,
    ssim: Object.fromEntries(KERNEL_RADII.map((r) => [r, Object.fromEntries([1, 2, 3, 4].map((c) => [c, e[r === 5 ? `ssim_c${c}` : `ssim_r${r}_c${c}`] as SsimKernel]))])),
    halve: Object.fromEntries([1, 2, 3, 4].map((c) => [c, e[`halve_c${c}`] as MetricsKernels['halve'][number]])),
    sseU8: e.sse_u8 as MetricsKernels['sseU8'],
    flickerU8: e.flicker_u8 as MetricsKernels['flickerU8'],
  };
}

/** This thread's kernels, or null where WebAssembly SIMD or shared memory is missing (never on Node >= 20). */
export function metricsKernels(): MetricsKernels | null {
  if (kernels !== undefined) return kernels;
  try {
    if (!wasm) return (kernels = null);
    compiled ??= compile(wasm);
    kernels = instantiateKernels(compiled.module, new wasm.Memory({ initial: 16, maximum: MAX_PAGES, shared: true }), compiled.variant);
  } catch {
    compiled = null;
    kernels = null;
  }
  return kernels;
}

/** Grows `memory` to hold at least `bytes`. */
export function ensureBytes(memory: WasmMemory, bytes: number): void {
  const have = memory.buffer.byteLength;
  if (bytes <= have) return;
  const pages = Math.ceil((bytes - have) / PAGE);
  if (have / PAGE + pages > MAX_PAGES) throw new RangeError(`metrics kernels need ${bytes} bytes of WebAssembly memory, more than its 4 GiB`);
  memory.grow(pages);
}

/** Rounds up to a multiple of 64 (a cache line; keeps every region 16-byte aligned for v128). */
export const align64 = (n: number): number => Math.ceil(n / 64) * 64;
