import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { encodeNpy, encodeY4m, parseNpy, readImage, readY4mFile } from '@evalkit/media-io';
import { psnr, ssim } from '../src';
import { npyVideo, readNpyVideo } from '../src/io/npy-video';

const fixtures = resolve(__dirname, '../../../fixtures/recon/images');

describe('Y4M frames (read through media-io)', () => {
  it('round-trips a real photograph through a 4:4:4 file close to the original', async () => {
    const img = await readImage(join(fixtures, 'coffee-ref.png'));
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
    const back = readY4mFile(path).rgb(0);
    expect(psnr(img, back, { dataRange: 255 })).toBeGreaterThan(40);
    expect(ssim(img, back, { variant: 'wang', dataRange: 255 })).toBeGreaterThan(0.99);
  });
});

describe('.npy video arrays', () => {
  it('read (T, H, W, C) uint8 and float32 arrays frame by frame', () => {
    const data = Uint8Array.from({ length: 2 * 2 * 3 * 3 }, (_, i) => i);
    const v = npyVideo(parseNpy(encodeNpy({ data, shape: [2, 2, 3, 3] }), 'a.npy'), 'a.npy');
    expect([v.frameCount, v.height, v.width, v.channels, v.dtype]).toEqual([2, 2, 3, 3, 'uint8']);
    expect(Array.from(v.frame(1).data.slice(0, 3))).toEqual([18, 19, 20]);
    const f = npyVideo(parseNpy(encodeNpy({ data: Float32Array.from([0.5, 0.25, 1, 0]), shape: [1, 2, 2] }), 'b.npy'), 'b.npy');
    expect([f.channels, f.dtype, Array.from(f.frame(0).data)]).toEqual([1, 'float32', [0.5, 0.25, 1, 0]]);
  });

  it('gives the same metrics as the PNG frames it was made from', async () => {
    const a = await readImage(join(fixtures, 'astronaut-ref.png'));
    const b = await readImage(join(fixtures, 'astronaut-noise.png'));
    const dir = mkdtempSync(join(tmpdir(), 'npy-'));
    const stack = (x: typeof a) => {
      const d = new Uint8Array(2 * x.data.length);
      d.set(x.data as Uint8Array, 0);
      d.set(x.data as Uint8Array, x.data.length);
      return d;
    };
    writeFileSync(join(dir, 'a.npy'), encodeNpy({ data: stack(a), shape: [2, a.height, a.width, 3] }));
    writeFileSync(join(dir, 'b.npy'), encodeNpy({ data: stack(b), shape: [2, b.height, b.width, 3] }));
    const va = readNpyVideo(join(dir, 'a.npy'));
    const vb = readNpyVideo(join(dir, 'b.npy'));
    expect(psnr(va.frame(1), vb.frame(1), { dataRange: 255 })).toBe(psnr(a, b, { dataRange: 255 }));
    expect(ssim(va.frame(1), vb.frame(1), { variant: 'wang', dataRange: 255 })).toBe(ssim(a, b, { variant: 'wang', dataRange: 255 }));
  });
});
