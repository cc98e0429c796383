import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isEvalkitError } from '@evalkit/core';
import { readManifest, withBaseline } from '../src';
import { parseManifest } from '../src/manifest';
import { writeManifest } from './fixture-dataset';

describe('readManifest', () => {
  it('resolves relative paths against the manifest folder and keeps absolute ones', () => {
    const { dir, manifest } = writeManifest([
      ['v1', 'ref/v1.mp4', 'out/v1.mp4'],
      ['v2', '/data/ref/v2.y4m', 'out/v2.y4m'],
    ]);
    expect(readManifest(manifest)).toEqual([
      { id: 'v1', ref: join(dir, 'ref/v1.mp4'), test: join(dir, 'out/v1.mp4') },
      { id: 'v2', ref: '/data/ref/v2.y4m', test: join(dir, 'out/v2.y4m') },
    ]);
  });

  it('reads an optional baseline column', () => {
    const pairs = parseManifest('id,ref,test,baseline\na,r.png,t.png,b.png\n', 'm.csv', '/d');
    expect(pairs).toEqual([{ id: 'a', ref: '/d/r.png', test: '/d/t.png', baseline: '/d/b.png' }]);
  });

  it.each([
    ['a missing column', 'id,ref\na,r.png\n', /no "test" column/],
    ['a repeated id', 'id,ref,test\na,r,t\na,r2,t2\n', /id "a" on line 3 repeats line 2/],
    ['an empty cell', 'id,ref,test\na,,t\n', /line 2: empty "ref"/],
    ['a short line', 'id,ref,test\na,r\n', /line 2 has 2 cells/],
  ])('refuses %s, naming the file', (_what, text, message) => {
    let caught: unknown;
    try {
      parseManifest(text, 'pairs.csv', '/d');
    } catch (error) {
      caught = error;
    }
    expect(isEvalkitError(caught)).toBe(true);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).toContain('pairs.csv');
  });

  it('joins a baseline manifest by id and refuses other references', () => {
    const pairs = parseManifest('id,ref,test\na,r.png,t.png\n', 'm.csv', '/d');
    expect(withBaseline(pairs, parseManifest('id,ref,test\na,r.png,hv.png\n', 'b.csv', '/d'), 'b.csv')).toEqual([{ id: 'a', ref: '/d/r.png', test: '/d/t.png', baseline: '/d/hv.png' }]);
    expect(() => withBaseline(pairs, parseManifest('id,ref,test\na,other.png,hv.png\n', 'b.csv', '/d'), 'b.csv')).toThrow(/same references/);
    expect(() => withBaseline(pairs, parseManifest('id,ref,test\nb,r.png,hv.png\n', 'b.csv', '/d'), 'b.csv')).toThrow(/no baseline/);
  });

  it('names a missing manifest file', () => {
    const { dir } = writeManifest([['a', 'r', 't']]);
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'x'), '');
    expect(() => readManifest(join(dir, 'nope.csv'))).toThrow(/nope\.csv.*no such manifest/);
    expect(() => readManifest(join(dir, 'sub'))).toThrow(/is a folder/);
  });
});
