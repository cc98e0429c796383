import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeRgbY4m, writeY4mFile, type Frames8 } from '../src';

const clip: Frames8 = { frames: [new Uint8Array(2 * 2 * 3)], height: 2, width: 2 };

describe('Y4M frame rate', () => {
  it.each(['abc', '24', '24:0', '0:1', '-24:1', '24:1 X', '1e3:1', ''])('refuses %j before writing anything', (fps) => {
    const path = join(mkdtempSync(join(tmpdir(), 'evk-y4m-fps-')), 'v.y4m');
    expect(() => writeY4mFile(path, clip, { fps })).toThrow(/field "fps".*NUM:DEN/);
    expect(existsSync(path)).toBe(false);
  });

  it('writes a valid rate as the F tag', () => {
    const header = Buffer.from(encodeRgbY4m(clip, { fps: '30000:1001' })).toString('latin1').split('\n')[0];
    expect(header).toContain(' F30000:1001 ');
  });
});
