import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isEvalkitError } from '@evalkit/core';
import { encodeNpy, encodeY4m, readImage, readY4mFile } from '@evalkit/media-io';
import { createMetricsPool, evaluateDataset, openInputPairs, type EvaluateOptions } from '../src';
import { readNpyVideo } from '../src/io/npy-video';

const images = resolve(__dirname, '../../../fixtures/recon/images');
const img = (name: string) => join(images, `${name}.png`);
const options: EvaluateOptions = { metrics: ['psnr', 'ssim'], ssimVariant: 'wang', dataRange: 255, luma: false };
const tmp = () => mkdtempSync(join(tmpdir(), 'recon-bad-'));

/** Runs `fn` and returns the EvalkitError it throws (failing if it throws anything else or nothing). */
async function rejection(fn: () => unknown): Promise<{ code: string; message: string }> {
  try {
    await fn();
  } catch (error) {
    if (isEvalkitError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected an EvalkitError, nothing was thrown');
}

async function evaluate(ref: string, test: string, extra: Partial<EvaluateOptions> = {}) {
  const { pairs } = openInputPairs(ref, test);
  const pool = createMetricsPool(1);
  try {
    return await evaluateDataset(pairs, pool, { ...options, ...extra });
  } finally {
    await pool.close();
  }
}

describe('bad inputs are rejected with a message naming the files', () => {
  it('size mismatch names both images and both sizes', async () => {
    const e = await rejection(() => evaluate(img('astronaut-ref'), img('chelsea-ref')));
    expect(e.code).toBe('EVK_MISMATCH');
    expect(e.message).toContain('astronaut-ref.png is 128x128');
    expect(e.message).toContain('chelsea-ref.png is 101x77');
  });

  it('channel mismatch names both images (grey vs RGB)', async () => {
    const dir = tmp();
    const grey = await readImage(img('camera-ref'));
    expect(grey.channels).toBe(1);
    const sharp = (await import('sharp')).default;
    await sharp(img('astronaut-ref')).toColourspace('b-w').toFile(join(dir, 'grey.png'));
    const c = await rejection(() => evaluate(img('astronaut-ref'), join(dir, 'grey.png')));
    expect(c.code).toBe('EVK_MISMATCH');
    expect(c.message).toMatch(/channel mismatch.*astronaut-ref\.png has 3 channels.*grey\.png has 1/);
  });

  it('frame count mismatch names both videos', async () => {
    const dir = tmp();
    for (const [name, n] of [['ref', 3], ['test', 2]] as const) {
      mkdirSync(join(dir, name));
      for (let i = 0; i < n; i++) copyFileSync(img('astronaut-ref'), join(dir, name, `f${i}.png`));
    }
    const e = await rejection(() => evaluate(join(dir, 'ref'), join(dir, 'test')));
    expect(e.message).toMatch(/frame count mismatch: reference .*ref has 3 frames, test .*test has 2/);
    const short = await rejection(() => evaluate(join(dir, 'ref'), join(dir, 'ref'), { maxFrames: 17 }));
    expect(short.message).toMatch(/needs 17 frames, but .*ref has 3/);
  });

  it('a dataset video without its counterpart names the video and both folders', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'ref'));
    mkdirSync(join(dir, 'test'));
    const clip = encodeY4m([{ width: 16, height: 16, layout: '444', range: 'limited', y: new Uint8Array(256), u: new Uint8Array(256), v: new Uint8Array(256) }]);
    writeFileSync(join(dir, 'ref', 'a.y4m'), clip);
    writeFileSync(join(dir, 'ref', 'b.y4m'), clip);
    writeFileSync(join(dir, 'test', 'a.y4m'), clip);
    const e = await rejection(() => evaluate(join(dir, 'ref'), join(dir, 'test')));
    expect(e.code).toBe('EVK_MISMATCH');
    expect(e.message).toMatch(/reference video "b" \(.*b\.y4m\) has no test video of that name in .*test/);
    const kinds = await rejection(() => evaluate(join(dir, 'ref'), join(dir, 'test', 'a.y4m')));
    expect(kinds.message).toMatch(/is a folder of videos but test .*a\.y4m is one video/);
  });

  it('images too small for MS-SSIM or the SSIM window are refused before any work', async () => {
    const e = await rejection(() => evaluate(img('astronaut-ref'), img('astronaut-noise'), { metrics: ['msssim'] }));
    expect(e.message).toMatch(/128x128, smaller than the 176x176 that MS-SSIM/);
    const dir = tmp();
    const sharp = (await import('sharp')).default;
    await sharp(img('astronaut-ref')).resize(9, 9).toFile(join(dir, 'tiny.png'));
    const s = await rejection(() => evaluate(join(dir, 'tiny.png'), join(dir, 'tiny.png')));
    expect(s.message).toMatch(/9x9, smaller than the 11x11 that SSIM \(wang\) window needs/);
  });

  it('missing files, unreadable images and unsupported types are named', async () => {
    const dir = tmp();
    expect((await rejection(() => evaluate(join(dir, 'nope.png'), img('astronaut-ref')))).message).toMatch(/nope\.png: no such file/);
    writeFileSync(join(dir, 'broken.png'), 'not a png');
    const broken = await rejection(() => evaluate(join(dir, 'broken.png'), img('astronaut-ref')));
    expect(broken.message).toMatch(/broken\.png: cannot decode image/);
    writeFileSync(join(dir, 'clip.gif'), 'x');
    expect((await rejection(() => evaluate(join(dir, 'clip.gif'), img('astronaut-ref')))).message).toMatch(/clip\.gif, field "extension", value "\.gif": unsupported file type/);
  });

  it('Y4M: unsupported colour space, truncated frames and bad headers', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.y4m'), Buffer.from('YUV4MPEG2 W4 H2 F25:1 C422\nFRAME\n' + 'x'.repeat(16)));
    expect((await rejection(() => readY4mFile(join(dir, 'a.y4m')))).message).toMatch(/a\.y4m, field "C", value "422": unsupported Y4M colour space/);
    writeFileSync(join(dir, 'b.y4m'), Buffer.from('YUV4MPEG2 W4 H2 F25:1 C420p10\n'));
    expect((await rejection(() => readY4mFile(join(dir, 'b.y4m')))).message).toMatch(/value "420p10"/);
    writeFileSync(join(dir, 'c.y4m'), Buffer.from('YUV4MPEG2 W4 H2 F25:1 C444\nFRAME\n' + 'x'.repeat(10)));
    expect((await rejection(() => readY4mFile(join(dir, 'c.y4m')))).message).toMatch(/c\.y4m, field "frame\[0\]", value 10: frame 0 is truncated: needs 24 bytes/);
    writeFileSync(join(dir, 'd.y4m'), Buffer.from('RIFF....\n'));
    expect((await rejection(() => readY4mFile(join(dir, 'd.y4m')))).message).toMatch(/d\.y4m, field "header".*not a YUV4MPEG2 file/);
  });

  it('.npy: bad dtype, shape, channel count, size and magic', async () => {
    const dir = tmp();
    const write = (name: string, bytes: Uint8Array) => {
      writeFileSync(join(dir, name), bytes);
      return join(dir, name);
    };
    const i16 = Buffer.from(encodeNpy({ data: new Uint8Array(8), shape: [2, 2, 2] }));
    i16.write("'<i2'", i16.indexOf("'|u1'"), 'latin1');
    expect((await rejection(() => readNpyVideo(write('a.npy', i16)))).message).toMatch(/a\.npy, field "descr", value "<i2": unsupported dtype/);
    expect((await rejection(() => readNpyVideo(write('b.npy', encodeNpy({ data: new Uint8Array(8), shape: [8] }))))).message).toMatch(/field "shape", value \[8\]: a video array must have shape/);
    expect((await rejection(() => readNpyVideo(write('c.npy', encodeNpy({ data: new Uint8Array(16), shape: [1, 2, 2, 4] }))))).message).toMatch(/value \[1,2,2,4\]: the last axis must hold 1 or 3 channels/);
    const short = encodeNpy({ data: new Uint8Array(12), shape: [1, 2, 2, 3] });
    expect((await rejection(() => readNpyVideo(write('d.npy', short.subarray(0, short.length - 1))))).message).toMatch(/d\.npy, field "data", value 11: truncated data: shape \[1,2,2,3\] of \|u1 needs 12 bytes, the file has 11/);
    expect((await rejection(() => readNpyVideo(write('e.npy', Buffer.from('PK\u0003\u0004 not numpy'))))).message).toMatch(/e\.npy, field "magic".*not a NumPy \.npy file/);
  });
});
