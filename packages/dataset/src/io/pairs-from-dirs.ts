import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import { isImagePath, naturalOrder } from '@evalkit/media-io';
import { VIDEO_FILE_EXTENSIONS } from '@evalkit/recon-metrics';
import type { DatasetPair } from '../pair';
import { sortById } from '../shard';

function isVideoFile(name: string): boolean {
  return (VIDEO_FILE_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase());
}

/**
 * The videos under `root` by id: video files (id = relative path without the extension) and
 * folders holding only image frames (id = relative path), found at any depth.
 */
export function listDatasetVideos(root: string): Map<string, string> {
  const base = resolve(root);
  if (!existsSync(base)) throw new EvalkitError(ERROR_CODES.FILE_NOT_FOUND, 'no such folder', { file: root });
  if (!statSync(base).isDirectory()) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'is a file: expected a folder of videos', { file: root });
  const found = new Map<string, string>();
  const idOf = (path: string, stripExtension: boolean) => {
    const rel = relative(base, path).split(sep).join('/');
    return stripExtension ? rel.slice(0, rel.length - extname(rel).length) : rel;
  };
  const add = (id: string, path: string) => {
    if (found.has(id)) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `two videos have the id "${id}": ${found.get(id)} and ${path}`, { file: path, field: 'id', value: id });
    found.set(id, path);
  };
  const walk = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true })
      .filter((e) => !e.name.startsWith('.'))
      .sort((a, b) => naturalOrder(a.name, b.name));
    const images = entries.filter((e) => e.isFile() && isImagePath(e.name));
    const others = entries.filter((e) => e.isDirectory() || (e.isFile() && isVideoFile(e.name)));
    if (images.length > 0 && dir !== base) {
      if (others.length > 0) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'folder mixes image frames with videos or sub-folders', { file: dir });
      add(idOf(dir, false), dir);
      return;
    }
    for (const e of others) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else add(idOf(path, true), path);
    }
  };
  walk(base);
  return found;
}

/**
 * Pairs the videos of two folders by relative path (`ref/a/v1.mp4` with `test/a/v1.mp4`; the
 * extension may differ, `v1.y4m` against `v1.mp4`). Every video must have its counterpart.
 */
export function pairsFromDirs(refDir: string, testDir: string): DatasetPair[] {
  const refs = listDatasetVideos(refDir);
  const tests = listDatasetVideos(testDir);
  if (refs.size === 0) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `no videos (${VIDEO_FILE_EXTENSIONS.join(', ')} or folders of frames)`, { file: refDir });
  for (const id of refs.keys()) {
    if (!tests.has(id)) throw new EvalkitError(ERROR_CODES.MISMATCH, `reference video "${id}" (${refs.get(id)}) has no test video at that path`, { file: testDir, field: 'id', value: id });
  }
  for (const id of tests.keys()) {
    if (!refs.has(id)) throw new EvalkitError(ERROR_CODES.MISMATCH, `test video "${id}" (${tests.get(id)}) has no reference video at that path`, { file: refDir, field: 'id', value: id });
  }
  return sortById([...refs].map(([id, ref]) => ({ id, ref, test: tests.get(id)! })));
}
