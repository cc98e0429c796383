/** STREAM-style memory bandwidth on one thread, best of N. */
export interface StreamBandwidth {
  /** b = a (TypedArray.set, i.e. memcpy), counting bytes read plus written. */
  copyGBps: number;
  /** a = b + s·c, counting two reads and one write. */
  triadGBps: number;
  /** Bytes of each array (far beyond the last-level cache). */
  arrayBytes: number;
  repeats: number;
}

/**
 * McCalpin's STREAM copy and triad kernels on Float32Arrays of `arrayBytes` each (one thread: a
 * JavaScript kernel has no more), reporting the best of `repeats` as STREAM does.
 */
export function measureStreamBandwidth(options: { arrayBytes?: number; repeats?: number } = {}): StreamBandwidth {
  const bytes = options.arrayBytes ?? 64 * 2 ** 20;
  const repeats = options.repeats ?? 5;
  const n = bytes / 4;
  const a = new Float32Array(n).fill(1);
  const b = new Float32Array(n).fill(2);
  const c = new Float32Array(n).fill(0.5);
  const s = 3;
  let copy = Infinity;
  let triad = Infinity;
  for (let r = 0; r < repeats + 1; r++) {
    let t0 = performance.now();
    b.set(a);
    const tc = (performance.now() - t0) / 1e3;
    t0 = performance.now();
    for (let i = 0; i < n; i++) a[i] = b[i] + s * c[i];
    const tt = (performance.now() - t0) / 1e3;
    // The first pass faults the pages in; it is a warm-up.
    if (r === 0) continue;
    copy = Math.min(copy, tc);
    triad = Math.min(triad, tt);
  }
  return { copyGBps: (2 * bytes) / copy / 1e9, triadGBps: (3 * bytes) / triad / 1e9, arrayBytes: bytes, repeats };
}
