import { ssim, closeSsimThreads, psnr } from './src';
import { ssim as oldSsim } from '/work/main/packages/recon-metrics/src';
const W = 1280, H = 720, C = 3, n = W * H * C;
const a = new Uint8Array(n), b = new Uint8Array(n);
let s = 1;
for (let i = 0; i < n; i++) { s = (Math.imul(s, 1103515245) + 12345) >>> 0; a[i] = (i % 3840) / 15 + ((s >>> 16) % 20); b[i] = Math.min(255, a[i] + ((s >>> 8) % 13)); }
const f = { width: W, height: H, channels: C, data: a }, g = { width: W, height: H, channels: C, data: b };
const time = (fn: () => number, runs = 7) => { fn(); const t: number[] = []; let v = 0; for (let i = 0; i < runs; i++) { const t0 = performance.now(); v = fn(); t.push(performance.now() - t0); } t.sort((x, y) => x - y); return `${t[0].toFixed(1)} / ${t[runs >> 1].toFixed(1)} ms  v=${v}`; };
for (let rep = 0; rep < 2; rep++) {
  console.log('old   ', time(() => oldSsim(f, g, { variant: 'wang', dataRange: 255 })));
  console.log('new 1 ', time(() => ssim(f, g, { variant: 'wang', dataRange: 255 })));
  console.log('new 2 ', time(() => ssim(f, g, { variant: 'wang', dataRange: 255, threads: 2 })));
}
console.log('psnr  ', time(() => psnr(f, g, { dataRange: 255 }), 50));
void closeSsimThreads();
