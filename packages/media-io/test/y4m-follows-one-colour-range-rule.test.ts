import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { requireSystemTool } from '@evalkit/test-harness';
import { encodeRgbY4m, encodeY4m, parseY4m, readRgbClip, readY4mFile, writeY4mFile, type Frames8 } from '../src';
import { rgbToYcbcrPlanes, yuvToRgb, type YuvFrame } from '../src/ycbcr';
import { y4mToFrames8 } from '../src/y4m';

const dir = mkdtempSync(join(tmpdir(), 'evk-y4m-'));
const CLIP_DIR = resolve(__dirname, '../../../fixtures/clip');

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`lengths differ: ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function solid(width: number, height: number, layout: '420' | '444', range: 'limited' | 'full', y: number, u: number, v: number): YuvFrame {
  const cw = layout === '420' ? Math.ceil(width / 2) : width;
  const ch = layout === '420' ? Math.ceil(height / 2) : height;
  return { width, height, layout, range, y: new Uint8Array(width * height).fill(y), u: new Uint8Array(cw * ch).fill(u), v: new Uint8Array(cw * ch).fill(v) };
}

describe('Y4M colour range: untagged is limited (as ffmpeg reads it), XCOLORRANGE=FULL is full', () => {
  it('limited range: hand-derived BT.601 colours (Y 16 black, 235 white, 126 grey; (81, 90, 240) red)', () => {
    expect(Array.from(yuvToRgb(solid(1, 1, '444', 'limited', 16, 128, 128)))).toEqual([0, 0, 0]);
    expect(Array.from(yuvToRgb(solid(1, 1, '444', 'limited', 235, 128, 128)))).toEqual([255, 255, 255]);
    expect(Array.from(yuvToRgb(solid(1, 1, '444', 'limited', 126, 128, 128)))).toEqual([128, 128, 128]);
    const red = Array.from(yuvToRgb(solid(1, 1, '444', 'limited', 81, 90, 240)));
    expect(red[0]).toBeGreaterThanOrEqual(254);
    expect(red[1]).toBeLessThanOrEqual(1);
    expect(red[2]).toBeLessThanOrEqual(1);
  });

  it('full range: Y is the grey level itself (JPEG/JFIF)', () => {
    expect(Array.from(yuvToRgb(solid(1, 1, '444', 'full', 16, 128, 128)))).toEqual([16, 16, 16]);
    expect(Array.from(yuvToRgb(solid(1, 1, '444', 'full', 235, 128, 128)))).toEqual([235, 235, 235]);
  });

  it('parse 4:2:0 (odd sizes) and 4:4:4 files frame by frame, replicating 4:2:0 chroma over 2x2 blocks', () => {
    const f420 = solid(5, 3, '420', 'limited', 100, 128, 128);
    f420.u = Uint8Array.from([100, 110, 120, 130, 140, 150]); // 3x2 chroma for 5x3
    const video = parseY4m(encodeY4m([f420, solid(5, 3, '420', 'limited', 200, 128, 128)]), 'x.y4m');
    expect([video.width, video.height, video.layout, video.frameCount]).toEqual([5, 3, '420', 2]);
    const rgb = video.rgb(0);
    // pixel (row 2, col 4) takes chroma sample (1, 2) = 150: blue = 255/219·84 + 255/224·1.772·22
    const o = (2 * 5 + 4) * 3;
    expect(rgb.data[o + 2]).toBe(Math.round((255 / 219) * 84 + (255 / 224) * 1.772 * 22));
    const v444 = parseY4m(encodeY4m([solid(4, 2, '444', 'limited', 50, 128, 128)]), 'y.y4m');
    expect(v444.layout).toBe('444');
    expect(Array.from(v444.rgb(0).data.slice(0, 3))).toEqual([40, 40, 40]); // 255/219·34 = 39.6
  });

  it('the header decides: the same samples read as limited without the tag and as full with it', () => {
    const tagged = encodeY4m([solid(2, 2, '444', 'full', 16, 128, 128)]);
    const header = Buffer.from(tagged).toString('latin1').split('\n')[0];
    expect(header).toBe('YUV4MPEG2 W2 H2 F24:1 Ip A1:1 C444 XCOLORRANGE=FULL');
    const untagged = Buffer.from(Buffer.from(tagged).toString('latin1').replace(' XCOLORRANGE=FULL', ''), 'latin1');
    expect(parseY4m(tagged, 'full.y4m').range).toBe('full');
    expect(parseY4m(untagged, 'plain.y4m').range).toBe('limited');
    expect(Array.from(parseY4m(tagged, 'full.y4m').rgb(0).data.subarray(0, 3))).toEqual([16, 16, 16]);
    expect(Array.from(parseY4m(untagged, 'plain.y4m').rgb(0).data.subarray(0, 3))).toEqual([0, 0, 0]);
  });

  it('RGB written as Y4M is tagged full range and comes back within the Y\'CbCr rounding (4:4:4, fixture clip)', async () => {
    const clip = await readRgbClip(CLIP_DIR);
    writeY4mFile(join(dir, 'c444.y4m'), clip, { chroma: '444' });
    const video = readY4mFile(join(dir, 'c444.y4m'));
    expect([video.range, video.layout, video.frameCount, video.height, video.width]).toEqual(['full', '444', 17, 128, 128]);
    const back = await readRgbClip(join(dir, 'c444.y4m'));
    back.frames.forEach((f, i) => expect(maxAbsDiff(f, clip.frames[i])).toBeLessThanOrEqual(2));
  });

  it('4:2:0 keeps luma at full resolution and is exact on 2x2-constant colour blocks (up to 2 levels)', () => {
    const h = 8;
    const w = 6;
    const frame = new Uint8Array(h * w * 3);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) frame.set([((y >> 1) * 50) % 256, ((x >> 1) * 80) % 256, 30 + 20 * (y >> 1)], (y * w + x) * 3);
    const clip: Frames8 = { frames: [frame], height: h, width: w };
    const back = y4mToFrames8(parseY4m(encodeRgbY4m(clip, { chroma: '420' }), 'c420.y4m'));
    expect(maxAbsDiff(back.frames[0], frame)).toBeLessThanOrEqual(2);
    const [y, cb] = rgbToYcbcrPlanes(frame, h, w, '420');
    expect([y.length, cb.length]).toEqual([48, 12]);
  });

  it('rejects a file that is not YUV4MPEG2, naming it', () => {
    writeFileSync(join(dir, 'x.y4m'), 'RIFF....');
    expect(() => readY4mFile(join(dir, 'x.y4m'))).toThrow(/x\.y4m, field "header", value "RIFF\.\.\.\.": not a YUV4MPEG2 file/);
  });
});

// ffmpeg is the reference for how a Y4M file is read.
const ffmpeg = requireSystemTool('ffmpeg');

ffmpeg.describe('Y4M is read as ffmpeg reads it', () => {
  /** ffmpeg's RGB24 of a Y4M file, with exact (not fast) colour conversion. */
  const ffmpegRgb = (path: string): Uint8Array => {
    const r = spawnSync(ffmpeg.paths.ffmpeg, ['-v', 'error', '-i', path, '-sws_flags', 'accurate_rnd+full_chroma_int+bitexact', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`ffmpeg failed: ${r.stderr.toString()}`);
    return new Uint8Array(r.stdout);
  };

  it.each([
    ['untagged (limited range)', false],
    ['tagged XCOLORRANGE=FULL', true],
  ])('%s 4:4:4 file: our RGB is within 2 levels of ffmpeg\'s', async (_label, full) => {
    const clip = await readRgbClip(CLIP_DIR);
    const frames = clip.frames.slice(0, 3).map((f): YuvFrame => {
      const [y, u, v] = rgbToYcbcrPlanes(f, clip.height, clip.width, '444');
      return { width: clip.width, height: clip.height, layout: '444', range: full ? 'full' : 'limited', y, u, v };
    });
    const path = join(dir, full ? 'ff-full.y4m' : 'ff-limited.y4m');
    writeFileSync(path, encodeY4m(frames));
    const ours = y4mToFrames8(readY4mFile(path));
    const theirs = ffmpegRgb(path);
    expect(theirs.length).toBe(3 * clip.height * clip.width * 3);
    ours.frames.forEach((f, t) => expect(maxAbsDiff(f, theirs.subarray(t * f.length, (t + 1) * f.length))).toBeLessThanOrEqual(2));
  });
});
