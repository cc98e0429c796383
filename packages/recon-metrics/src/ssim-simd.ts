import type { SsimStats } from './ssim-core';
import type { SsimWindow } from './ssim-window';
import { F64, FunctionBuilder, I32, V128, moduleBytes } from './wasm-emit';

// f64x2 opcodes (after the 0xfd prefix)
const SPLAT = 20;
const EXTRACT = 33;
const ADD = 240;
const SUB = 241;
const MUL = 242;
const DIV = 243;

/**
 * Emits the radius-5 SSIM kernel as WebAssembly with f64x2 SIMD: the same two passes as the
 * scalar kernel (vertical statistics rows x, y, x²+y², xy for one output row, then the horizontal
 * pass fused with the SSIM formula), two columns per instruction, all in float64 so results match
 * the scalar path to rounding. Signature: (xPtr, yPtr, rowsPtr, width, height, resPtr, w0..w5,
 * c1, c2, covNorm); writes the sums of SSIM and cs over the valid region at resPtr.
 */
function buildKernel(): Uint8Array {
  const params = [I32, I32, I32, I32, I32, I32, F64, F64, F64, F64, F64, F64, F64, F64, F64];
  const f = new FunctionBuilder(params.length);
  const [xPtr, yPtr, rowsPtr, width, height, resPtr] = [0, 1, 2, 3, 4, 5];
  const wArg = [6, 7, 8, 9, 10, 11];
  const [c1Arg, c2Arg, covArg] = [12, 13, 14];
  const S = f.local(I32);
  const R = f.local(I32);
  const dXY = f.local(I32);
  const outH = f.local(I32);
  const o = f.local(I32);
  const jb = f.local(I32);
  const endB = f.local(I32);
  const cAddr = f.local(I32);
  const yAddr = f.local(I32);
  const rowBase = f.local(I32);
  const hA = f.local(I32);
  const rowM = [f.local(I32), f.local(I32), f.local(I32), f.local(I32)];
  const St = [0, f.local(I32), f.local(I32), f.local(I32), f.local(I32), f.local(I32)];
  const W = wArg.map(() => f.local(V128));
  const VC1 = f.local(V128);
  const VC2 = f.local(V128);
  const VCOV = f.local(V128);
  const VTWOCOV = f.local(V128);
  const VTWO = f.local(V128);
  const VONE = f.local(V128);
  const accS = f.local(V128);
  const accC = f.local(V128);
  const x0 = f.local(V128);
  const y0 = f.local(V128);
  const xa = [0, 1, 2, 3, 4, 5].map(() => f.local(V128));
  const xb = [0, 1, 2, 3, 4, 5].map(() => f.local(V128));
  const ya = [0, 1, 2, 3, 4, 5].map(() => f.local(V128));
  const yb = [0, 1, 2, 3, 4, 5].map(() => f.local(V128));
  const m = [f.local(V128), f.local(V128), f.local(V128), f.local(V128)];
  const mxy = f.local(V128);
  const mm = f.local(V128);
  const csNum = f.local(V128);
  const b1 = f.local(V128);
  const inv = f.local(V128);
  const vS = f.local(V128);
  const vC = f.local(V128);
  const tailS = f.local(F64);
  const tailC = f.local(F64);

  const splat = (dst: number, src: () => void) => {
    src();
    f.simd(SPLAT).set(dst);
  };
  // setup
  f.get(width).i32(3).op(0x74).set(S);
  f.get(width).i32(4).op(0x6a).i32(3).op(0x74).set(R);
  f.get(yPtr).get(xPtr).op(0x6b).set(dXY);
  f.get(height).i32(10).op(0x6b).set(outH);
  for (let t = 1; t <= 5; t++) f.get(S).i32(t).op(0x6c).set(St[t]);
  for (let k = 0; k < 4; k++) f.get(rowsPtr).get(R).i32(k).op(0x6c).op(0x6a).set(rowM[k]);
  wArg.forEach((a, i) => splat(W[i], () => f.get(a)));
  splat(VC1, () => f.get(c1Arg));
  splat(VC2, () => f.get(c2Arg));
  splat(VCOV, () => f.get(covArg));
  splat(VTWOCOV, () => f.get(covArg).get(covArg).op(0xa0));
  splat(VTWO, () => f.op(0x44, ...Array.from(new Uint8Array(new Float64Array([2]).buffer))));
  splat(VONE, () => f.op(0x44, ...Array.from(new Uint8Array(new Float64Array([1]).buffer))));
  splat(accS, () => f.op(0x44, 0, 0, 0, 0, 0, 0, 0, 0));
  f.get(accS).set(accC);

  const sym = (center: () => void, pair: (t: number) => void) => {
    // W0·center + Σ Wt·pair(t)
    f.get(W[0]);
    center();
    f.simd(MUL);
    for (let t = 1; t <= 5; t++) {
      f.get(W[t]);
      pair(t);
      f.simd(MUL).simd(ADD);
    }
  };
  const sq = (a: number) => f.get(a).get(a).simd(MUL);

  f.i32(0).set(o);
  f.whileLoop(
    () => f.get(o).get(outH).op(0x48),
    () => {
      f.get(xPtr).get(o).i32(5).op(0x6a).get(S).op(0x6c).op(0x6a).set(rowBase);
      f.i32(0).set(jb);
      f.whileLoop(
        () => f.get(jb).get(S).op(0x48),
        () => {
          f.get(rowBase).get(jb).op(0x6a).set(cAddr);
          f.get(cAddr).get(dXY).op(0x6a).set(yAddr);
          f.get(cAddr).v128Load().set(x0);
          f.get(yAddr).v128Load().set(y0);
          for (let t = 1; t <= 5; t++) {
            f.get(cAddr).get(St[t]).op(0x6b).v128Load().set(xa[t]);
            f.get(cAddr).get(St[t]).op(0x6a).v128Load().set(xb[t]);
            f.get(yAddr).get(St[t]).op(0x6b).v128Load().set(ya[t]);
            f.get(yAddr).get(St[t]).op(0x6a).v128Load().set(yb[t]);
          }
          const store = (k: number, value: () => void) => {
            f.get(rowM[k]).get(jb).op(0x6a);
            value();
            f.v128Store();
          };
          store(0, () => sym(() => f.get(x0), (t) => f.get(xa[t]).get(xb[t]).simd(ADD)));
          store(1, () => sym(() => f.get(y0), (t) => f.get(ya[t]).get(yb[t]).simd(ADD)));
          store(2, () =>
            sym(
              () => {
                sq(x0);
                sq(y0);
                f.simd(ADD);
              },
              (t) => {
                sq(xa[t]);
                sq(ya[t]);
                f.simd(ADD);
                sq(xb[t]);
                f.simd(ADD);
                sq(yb[t]);
                f.simd(ADD);
              },
            ),
          );
          store(3, () =>
            sym(
              () => f.get(x0).get(y0).simd(MUL),
              (t) => f.get(xa[t]).get(ya[t]).simd(MUL).get(xb[t]).get(yb[t]).simd(MUL).simd(ADD),
            ),
          );
          f.get(jb).i32(16).op(0x6a).set(jb);
        },
      );
      // horizontal pass + SSIM, two output columns at a time
      const pairSsim = () => {
        for (let k = 0; k < 4; k++) {
          f.get(rowM[k]).get(jb).op(0x6a).i32(40).op(0x6b).set(hA);
          sym(
            () => f.get(hA).v128Load(40),
            (t) => {
              f.get(hA).v128Load(40 - 8 * t);
              f.get(hA).v128Load(40 + 8 * t);
              f.simd(ADD);
            },
          );
          f.set(m[k]);
        }
        f.get(m[0]).get(m[1]).simd(MUL).set(mxy);
        sq(m[0]);
        sq(m[1]);
        f.simd(ADD).set(mm);
        f.get(VTWOCOV).get(m[3]).get(mxy).simd(SUB).simd(MUL).get(VC2).simd(ADD).set(csNum);
        f.get(mm).get(VC1).simd(ADD).set(b1);
        // inv = 1 / (b1 · csDen), csDen = cov·(E[x²+y²] − mm) + C2
        f.get(VONE).get(b1).get(VCOV).get(m[2]).get(mm).simd(SUB).simd(MUL).get(VC2).simd(ADD).simd(MUL).simd(DIV).set(inv);
        f.get(VTWO).get(mxy).simd(MUL).get(VC1).simd(ADD).get(csNum).simd(MUL).get(inv).simd(MUL).set(vS);
        f.get(csNum).get(b1).simd(MUL).get(inv).simd(MUL).set(vC);
      };
      f.i32(40).set(jb);
      f.get(width).i32(5).op(0x6b).i32(3).op(0x74).set(endB);
      f.whileLoop(
        () => f.get(jb).i32(8).op(0x6a).get(endB).op(0x48),
        () => {
          pairSsim();
          f.get(accS).get(vS).simd(ADD).set(accS);
          f.get(accC).get(vC).simd(ADD).set(accC);
          f.get(jb).i32(16).op(0x6a).set(jb);
        },
      );
      f.ifThen(
        () => f.get(jb).get(endB).op(0x48),
        () => {
          pairSsim();
          f.get(tailS).get(vS).simd(EXTRACT, 0).op(0xa0).set(tailS);
          f.get(tailC).get(vC).simd(EXTRACT, 0).op(0xa0).set(tailC);
        },
      );
      f.get(o).i32(1).op(0x6a).set(o);
    },
  );
  const storeSum = (offset: number, acc: number, tail: number) => {
    f.get(resPtr);
    f.get(acc).simd(EXTRACT, 0).get(acc).simd(EXTRACT, 1).op(0xa0).get(tail).op(0xa0);
    f.op(0x39, 3, offset);
  };
  storeSum(0, accS, tailS);
  storeSum(8, accC, tailC);
  return moduleBytes('ssim5', params, f);
}

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
    const instance = new wasm.Instance(new wasm.Module(buildKernel()), { env: { memory } });
    state = { memory, kernel: instance.exports.ssim5 as Kernel };
  } catch {
    // no WebAssembly SIMD here: callers fall back to the scalar kernel
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
