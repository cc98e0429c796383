import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readY4m, writeY4m, rgbToYcbcrPlanes, videoToFrames8, type Frames8 } from '../src';
import { fixtureClip, maxAbsDiff } from './codec-fixture';

const dir = mkdtempSync(join(tmpdir(), 'evk-y4m-'));

describe('Y4M files (BT.601 full range)', () => {
  it('4:4:4 round trip of the fixture clip stays within 2 levels per channel (two 8-bit roundings)', async () => {
    const { clip } = await fixtureClip();
    writeY4m(join(dir, 'c444.y4m'), clip, { chroma: '444' });
    const back = readY4m(join(dir, 'c444.y4m'));
    expect([back.frames.length, back.height, back.width]).toEqual([17, 128, 128]);
    back.frames.forEach((f, i) => expect(maxAbsDiff(f, clip.frames[i])).toBeLessThanOrEqual(2));
  });

  it('4:2:0 keeps luma at full resolution and is exact on 2x2-constant colour blocks (up to 2 levels)', () => {
    const h = 8;
    const w = 6;
    const frame = new Uint8Array(h * w * 3);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) frame.set([((y >> 1) * 50) % 256, ((x >> 1) * 80) % 256, 30 + 20 * (y >> 1)], (y * w + x) * 3);
    const clip: Frames8 = { frames: [frame], height: h, width: w };
    writeY4m(join(dir, 'c420.y4m'), clip, { chroma: '420' });
    const back = readY4m(join(dir, 'c420.y4m'));
    expect(maxAbsDiff(back.frames[0], frame)).toBeLessThanOrEqual(2);
    const [y, cb] = rgbToYcbcrPlanes(frame, h, w, '420');
    expect([y.length, cb.length]).toEqual([48, 12]);
  });

  it('clamps decoder overshoot: [-1, 1] -> round((x + 1) * 127.5) in 0..255', () => {
    const video = { data: Float32Array.from([-2, -1, -0.5, 0, 0.5, 1, 3, NaN, 0, 0, 0, 0]), shape: [1, 3, 1, 2, 2] };
    const f = videoToFrames8(video).frames[0];
    // Pixel i takes channel c from data[c * 4 + i]: R = -2, -1, -0.5, 0; G = 0.5, 1, 3, NaN; B = 0.
    expect(Array.from(f)).toEqual([0, 191, 128, 0, 255, 128, 64, 255, 128, 128, 0, 128]);
  });

  it('rejects a file that is not YUV4MPEG2, naming it', () => {
    writeFileSync(join(dir, 'x.y4m'), 'RIFF....');
    expect(() => readY4m(join(dir, 'x.y4m'))).toThrow(/x\.y4m, field "header", value "RIFF\.\.\.\.": not a YUV4MPEG2 file/);
  });
});
