import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pairsFromDirs } from '../src';
import { copyImage, writeManifest } from './fixture-dataset';

function tree(root: string, files: string[]): void {
  for (const f of files) {
    mkdirSync(join(root, f, '..'), { recursive: true });
    if (f.endsWith('.png')) copyImage('camera-ref.png', join(root, f, '..'), f.split('/').pop());
    else writeFileSync(join(root, f), '');
  }
}

describe('pairsFromDirs', () => {
  it('matches video files and frame folders at any depth by relative path, extension aside', () => {
    const { dir } = writeManifest([]);
    tree(join(dir, 'ref'), ['a/v1.mp4', 'a/v2.y4m', 'b/clip/frame_0000.png', 'b/clip/frame_0001.png', 'top.webm']);
    tree(join(dir, 'out'), ['a/v1.mkv', 'a/v2.y4m', 'b/clip/frame_0000.png', 'b/clip/frame_0001.png', 'top.webm']);
    expect(pairsFromDirs(join(dir, 'ref'), join(dir, 'out'))).toEqual([
      { id: 'a/v1', ref: join(dir, 'ref/a/v1.mp4'), test: join(dir, 'out/a/v1.mkv') },
      { id: 'a/v2', ref: join(dir, 'ref/a/v2.y4m'), test: join(dir, 'out/a/v2.y4m') },
      { id: 'b/clip', ref: join(dir, 'ref/b/clip'), test: join(dir, 'out/b/clip') },
      { id: 'top', ref: join(dir, 'ref/top.webm'), test: join(dir, 'out/top.webm') },
    ]);
  });

  it('names a video without its counterpart, and two files that claim one id', () => {
    const { dir } = writeManifest([]);
    tree(join(dir, 'ref'), ['v1.mp4', 'v2.mp4']);
    tree(join(dir, 'out'), ['v1.mp4']);
    expect(() => pairsFromDirs(join(dir, 'ref'), join(dir, 'out'))).toThrow(/reference video "v2".*has no test video/);
    tree(join(dir, 'out'), ['v2.mp4', 'v2.mkv']);
    expect(() => pairsFromDirs(join(dir, 'ref'), join(dir, 'out'))).toThrow(/two videos have the id "v2"/);
  });
});
