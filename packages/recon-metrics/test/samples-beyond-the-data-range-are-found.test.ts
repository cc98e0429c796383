import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeNpyFile } from '@evalkit/media-io';
import { dataRangeExcesses, openInputPairs, scaleMismatches } from '../src';

describe('inputs whose samples span more than the data range', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'evalkit-range-'));
    // 0-255 data stored as float, and 0-1 data whose extremes are exactly 0 and 1.
    writeNpyFile(join(dir, 'bytes.npy'), { data: Float32Array.from([0, 12, 200, 255]), shape: [1, 2, 2] });
    writeNpyFile(join(dir, 'unit.npy'), { data: Float32Array.from([0, 0.25, 0.5, 1]), shape: [1, 2, 2] });
    writeNpyFile(join(dir, 'signed.npy'), { data: Float32Array.from([-1, -0.5, 0.5, 1]), shape: [1, 2, 2] });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('0-255 float samples against --data-range 1 are reported with their extent, 0-1 samples are not', () => {
    const { extents } = openInputPairs(join(dir, 'unit.npy'), join(dir, 'bytes.npy'));
    expect(extents).toEqual([
      { path: join(dir, 'unit.npy'), min: 0, max: 1, role: 'reference', pair: 'bytes.npy' },
      { path: join(dir, 'bytes.npy'), min: 0, max: 255, role: 'test', pair: 'bytes.npy' },
    ]);
    expect(dataRangeExcesses(extents, 1)).toEqual([{ path: join(dir, 'bytes.npy'), min: 0, max: 255, span: 255, dataRange: 1 }]);
    expect(dataRangeExcesses(extents, 255)).toEqual([]);
  });

  it('-1 to 1 samples need a data range of 2: 1 is reported, 2 is not', () => {
    const extents = openInputPairs(join(dir, 'signed.npy'), join(dir, 'signed.npy')).extents;
    expect(dataRangeExcesses(extents, 1).map((e) => [e.path, e.span])).toEqual([[join(dir, 'signed.npy'), 2]]);
    expect(dataRangeExcesses(extents, 2)).toEqual([]);
  });

  it('a reference on 0-1 against a test on 0-255 is a scale mismatch whatever the data range; -1 to 1 against 0-1 is not', () => {
    const mismatched = scaleMismatches(openInputPairs(join(dir, 'unit.npy'), join(dir, 'bytes.npy')).extents);
    expect(mismatched.map((m) => [m.reference.path, m.test.path, m.ratio])).toEqual([[join(dir, 'unit.npy'), join(dir, 'bytes.npy'), 255]]);
    expect(scaleMismatches(openInputPairs(join(dir, 'signed.npy'), join(dir, 'unit.npy')).extents)).toEqual([]);
  });

  it('the scale a preset applies is applied before the comparison', () => {
    expect(dataRangeExcesses([{ path: 'x', min: 0, max: 255 }], 1, 1 / 255)).toEqual([]);
    expect(dataRangeExcesses([{ path: 'x', min: 0, max: 255 }], 1, 1 / 127.5)).toHaveLength(1);
  });
});
