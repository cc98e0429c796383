import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { encodeNpy, encodeY4m, parseNpy, parseY4m, psnr, readImageFrame, readNpy, readY4m, ssim, yuvToRgb, type YuvFrame } from '../src';

const fixtures = resolve(__dirname, '../../../fixtures/recon/images');

function solidYuv(width: number, height: number, layout: '420' | '444', y: number, u: number, v: number): YuvFrame {
  const cw = layout === '420' ? Math.ceil(width / 2) : width;
  const ch = layout === '420' ? Math.ceil(height / 2) : height;
  return { width, height, layout, range: 'limited', y: new Uint8Array(width * height).fill(y), u: new Uint8Array(cw * ch).fill(u), v: new Uint8Array(cw * ch).fill(v) };
}

describe('Y4M frames', () => {
  it('convert with the BT.601 limited-range matrix (hand-derived colours)', () => {
    // Y 16 -> black, Y 235 -> white, neutral chroma -> grey; (81, 90, 240) is BT.601 red.
    expect(Array.from(yuvToRgb(solidYuv(1, 1, '444', 16, 128, 128)))).toEqual([0, 0, 0]);
    expect(Array.from(yuvToRgb(solidYuv(1, 1, '444', 235, 128, 128)))).toEqual([255, 255, 255]);
    expect(Array.from(yuvToRgb(solidYuv(1, 1, '444', 126, 128, 128)))).toEqual([128, 128, 128]);
    const red = Array.from(yuvToRgb(solidYuv(1, 1, '444', 81, 90, 240)));
    expect(red[0]).toBeGreaterThanOrEqual(254);
    expect(red[1]).toBeLessThanOrEqual(1);
    expect(red[2]).toBeLessThanOrEqual(1);
  });

  it('parse 4:2:0 (odd sizes) and 4:4:4 files frame by frame, replicating 4:2:0 chroma over 2x2 blocks', () => {
    const f420 = solidYuv(5, 3, '420', 100, 128, 128);
    f420.u = Uint8Array.from([100, 110, 120, 130, 140, 150]); // 3x2 chroma for 5x3
    const video = parseY4m(encodeY4m([f420, solidYuv(5, 3, '420', 200, 128, 128)]), 'x.y4m');
    expect([video.width, video.height, video.layout, video.frameCount]).toEqual([5, 3, '420', 2]);
    const rgb = video.rgb(0);
    // pixel (row 2, col 4) takes chroma sample (1, 2) = 150: blue = 255/219·84 + 255/224·1.772·22
    const o = (2 * 5 + 4) * 3;
    expect(rgb.data[o + 2]).toBe(Math.round((255 / 219) * 84 + (255 / 224) * 1.772 * 22));
    const v444 = parseY4m(encodeY4m([solidYuv(4, 2, '444', 50, 128, 128)]), 'y.y4m');
    expect(v444.layout).toBe('444');
    expect(Array.from(v444.rgb(0).data.slice(0, 3))).toEqual([40, 40, 40]); // 255/219·34 = 39.6
  });

  it('round-trips a real photograph through a 4:4:4 file close to the original', async () => {
    const img = await readImageFrame(join(fixtures, 'coffee-ref.png'));
    const n = img.width * img.height;
    const y = new Uint8Array(n);
    const u = new Uint8Array(n);
    const v = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const [r, g, b] = [img.data[3 * i], img.data[3 * i + 1], img.data[3 * i + 2]];
      const l = 0.299 * r + 0.587 * g + 0.114 * b;
      y[i] = Math.round(16 + (219 / 255) * l);
      u[i] = Math.round(128 + (224 / 255) * ((b - l) / 1.772));
      v[i] = Math.round(128 + (224 / 255) * ((r - l) / 1.402));
    }
    const dir = mkdtempSync(join(tmpdir(), 'y4m-'));
    const path = join(dir, 'clip.y4m');
    writeFileSync(path, encodeY4m([{ width: img.width, height: img.height, layout: '444', range: 'limited', y, u, v }]));
    const back = readY4m(path).rgb(0);
    expect(psnr(img, back, { dataRange: 255 })).toBeGreaterThan(40);
    expect(ssim(img, back, { variant: 'wang', dataRange: 255 })).toBeGreaterThan(0.99);
  });
});

describe('.npy video arrays', () => {
  it('read (T, H, W, C) uint8 and float32 arrays frame by frame', () => {
    const data = Uint8Array.from({ length: 2 * 2 * 3 * 3 }, (_, i) => i);
    const v = parseNpy(encodeNpy(data, [2, 2, 3, 3]), 'a.npy');
    expect([v.frameCount, v.height, v.width, v.channels, v.dtype]).toEqual([2, 2, 3, 3, 'uint8']);
    expect(Array.from(v.frame(1).data.slice(0, 3))).toEqual([18, 19, 20]);
    const f = parseNpy(encodeNpy(Float32Array.from([0.5, 0.25, 1, 0]), [1, 2, 2]), 'b.npy');
    expect([f.channels, f.dtype, Array.from(f.frame(0).data)]).toEqual([1, 'float32', [0.5, 0.25, 1, 0]]);
  });

  it('gives the same metrics as the PNG frames it was made from', async () => {
    const a = await readImageFrame(join(fixtures, 'astronaut-ref.png'));
    const b = await readImageFrame(join(fixtures, 'astronaut-noise.png'));
    const dir = mkdtempSync(join(tmpdir(), 'npy-'));
    const stack = (x: typeof a) => {
      const d = new Uint8Array(2 * x.data.length);
      d.set(x.data as Uint8Array, 0);
      d.set(x.data as Uint8Array, x.data.length);
      return d;
    };
    writeFileSync(join(dir, 'a.npy'), encodeNpy(stack(a), [2, a.height, a.width, 3]));
    writeFileSync(join(dir, 'b.npy'), encodeNpy(stack(b), [2, b.height, b.width, 3]));
    const va = readNpy(join(dir, 'a.npy'));
    const vb = readNpy(join(dir, 'b.npy'));
    expect(psnr(va.frame(1), vb.frame(1), { dataRange: 255 })).toBe(psnr(a, b, { dataRange: 255 }));
    expect(ssim(va.frame(1), vb.frame(1), { variant: 'wang', dataRange: 255 })).toBe(ssim(a, b, { variant: 'wang', dataRange: 255 }));
  });
});
