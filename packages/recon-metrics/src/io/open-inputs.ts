import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import { FFMPEG_VIDEO_EXTENSIONS, isFfmpegVideoPath, isImagePath, listFrameFiles, naturalOrder, openVideoFile, readImage, readY4mFile } from '@evalkit/media-io';
import type { VideoPair } from '../evaluate';
import type { VideoSource } from '../video-source';
import { readNpyVideo } from './npy-video';

/** What a path holds: one video (image, frame folder, .y4m, .npy, a video file read through ffmpeg) or a dataset folder of videos. */
export type InputKind = 'image' | 'frames' | 'y4m' | 'npy' | 'video' | 'dataset';

/** Extensions of files read as one video: Y4M, NumPy arrays, and MP4/MKV/WebM/AVI/MOV through ffmpeg. */
export const VIDEO_FILE_EXTENSIONS = ['.y4m', '.npy', ...FFMPEG_VIDEO_EXTENSIONS] as const;

/** Extra facts about a source that decide defaults (8-bit data has range 255). */
export interface SourceInfo {
  kind: InputKind;
  /** True when samples are floating point (float .npy): the data range must be given. */
  floatData: boolean;
  /** The sample type: uint8 for images and Y4M, the array's dtype for .npy. */
  dtype: string;
  /** Non-finite samples kept (only with allowNonfinite). */
  nonFinite: number;
  /** Extent of the finite samples where the whole array is read at once (.npy); null for images, Y4M and video files. */
  sampleRange: { min: number; max: number } | null;
  /** What ffprobe reported for a video file (frame rate, size, pixel format, colour range and matrix). */
  media?: Record<string, unknown>;
}

/** The extent of one input's samples, for checking them against the data range. */
export interface SampleExtent {
  path: string;
  min: number;
  max: number;
  /** Which side of a pair the input is, and the pair's name (the test's name, or the dataset video's). */
  role: 'reference' | 'test';
  pair: string;
}

/** Options of opening inputs. */
export interface OpenInputOptions {
  /** Keep NaN/Infinity samples of float .npy inputs (counted) instead of refusing them. */
  allowNonfinite?: boolean;
  /** The ffmpeg executable for video files (default: EVALKIT_FFMPEG, then ffmpeg on PATH). */
  ffmpeg?: string;
}

const EIGHT_BIT = { floatData: false, dtype: 'uint8', nonFinite: 0, sampleRange: null } as const;

/** Refuses a pair whose sample types differ (uint8 against float): one data range cannot fit both. */
function checkSameSampleType(ref: { path: string; info: SourceInfo }, test: { path: string; info: SourceInfo }): void {
  if (ref.info.floatData === test.info.floatData) return;
  throw new EvalkitError(
    ERROR_CODES.MISMATCH,
    `reference ${ref.path} holds ${ref.info.dtype} samples but test ${test.path} holds ${test.info.dtype}: one data range cannot fit both (0-255 against e.g. 0-1); convert one of them`,
    { file: test.path, field: 'dtype', value: `${ref.info.dtype} vs ${test.info.dtype}` },
  );
}

function extentOf(path: string, info: SourceInfo, role: SampleExtent['role'], pair: string): SampleExtent[] {
  return info.sampleRange ? [{ path, ...info.sampleRange, role, pair }] : [];
}

function isVideoFile(name: string): boolean {
  return (VIDEO_FILE_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase());
}

/** Classifies a path; a folder holding only images is one video, a folder of videos or folders is a dataset. */
export function inputKind(path: string): InputKind {
  if (!existsSync(path)) throw new EvalkitError(ERROR_CODES.FILE_NOT_FOUND, 'no such file or folder', { file: path });
  if (statSync(path).isDirectory()) {
    const entries = readdirSync(path, { withFileTypes: true }).filter((e) => !e.name.startsWith('.'));
    const images = entries.filter((e) => e.isFile() && isImagePath(e.name));
    const videos = entries.filter((e) => e.isDirectory() || (e.isFile() && isVideoFile(e.name)));
    if (images.length > 0 && videos.length === 0) return 'frames';
    if (videos.length > 0 && images.length === 0) return 'dataset';
    if (images.length > 0) {
      throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'folder mixes image frames with videos or sub-folders: use a folder of frames or a folder of videos', { file: path });
    }
    throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `folder holds no PNG/JPEG/WebP frames, videos (${VIDEO_FILE_EXTENSIONS.join(', ')}) or frame folders`, { file: path });
  }
  const ext = extname(path).toLowerCase();
  if (ext === '.y4m') return 'y4m';
  if (ext === '.npy') return 'npy';
  if (isFfmpegVideoPath(path)) return 'video';
  if (isImagePath(path)) return 'image';
  throw new EvalkitError(ERROR_CODES.UNSUPPORTED, `unsupported file type: use PNG, JPEG, WebP, ${VIDEO_FILE_EXTENSIONS.join(', ')} or a folder`, { file: path, field: 'extension', value: ext });
}

/** Opens one video (not a dataset folder) as a VideoSource. */
export function openVideoSource(path: string, options: OpenInputOptions = {}): { source: VideoSource; info: SourceInfo } {
  const kind = inputKind(path);
  switch (kind) {
    case 'image':
      return { source: { label: path, frameCount: 1, readFrame: () => readImage(path) }, info: { kind, ...EIGHT_BIT } };
    case 'frames': {
      const files = listFrameFiles(path);
      return {
        source: {
          label: path,
          frameCount: files.length,
          readFrame: (i) => {
            if (i < 0 || i >= files.length) throw new RangeError(`frame ${i} out of range (${files.length} frames in ${path})`);
            return readImage(files[i]);
          },
        },
        info: { kind, ...EIGHT_BIT },
      };
    }
    case 'y4m': {
      // Y4M colour range by the one rule (media-io): full when tagged XCOLORRANGE=FULL, limited otherwise.
      const video = readY4mFile(path);
      return { source: { label: path, frameCount: video.frameCount, readFrame: async (i) => video.rgb(i) }, info: { kind, ...EIGHT_BIT } };
    }
    case 'npy': {
      const video = readNpyVideo(path, options);
      return { source: { label: path, frameCount: video.frameCount, readFrame: async (i) => video.frame(i) }, info: { kind, floatData: video.dtype !== 'uint8', dtype: video.dtype, nonFinite: video.nonFinite, sampleRange: video.sampleRange } };
    }
    case 'video': {
      // streamed through ffmpeg in frame order (evaluation reads frames 0, 1, 2, ...)
      const video = openVideoFile(path, { ffmpeg: options.ffmpeg });
      return {
        source: { label: path, frameCount: video.probe.frames, readFrame: (i) => video.readFrame(i), close: () => video.close(), media: { ...video.probe } },
        info: { kind, ...EIGHT_BIT, media: { ...video.probe } },
      };
    }
    default:
      throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'expected one video, got a folder of videos', { file: path });
  }
}

/** Name a dataset entry is matched by: file name without extension, or the folder name. */
function entryName(name: string): string {
  return isVideoFile(name) ? basename(name, extname(name)) : name;
}

function datasetEntries(path: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const e of readdirSync(path, { withFileTypes: true }).sort((a, b) => naturalOrder(a.name, b.name))) {
    if (e.name.startsWith('.') || !(e.isDirectory() || (e.isFile() && isVideoFile(e.name)))) continue;
    const name = entryName(e.name);
    if (map.has(name)) {
      throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `two videos share the name "${name}"`, { file: join(path, e.name), field: 'name', value: name });
    }
    map.set(name, join(path, e.name));
  }
  return map;
}

/**
 * Resolves --ref and --test into named video pairs: two single videos give one pair (named after
 * the test path), two dataset folders are matched by video name and must hold the same names.
 */
export function openInputPairs(refPath: string, testPath: string, options: OpenInputOptions = {}): { pairs: VideoPair[]; floatData: boolean; dataset: boolean; nonFinite: number; extents: SampleExtent[] } {
  const refKind = inputKind(refPath);
  const testKind = inputKind(testPath);
  if ((refKind === 'dataset') !== (testKind === 'dataset')) {
    throw new EvalkitError(
      ERROR_CODES.MISMATCH,
      `reference ${refPath} is ${refKind === 'dataset' ? 'a folder of videos' : 'one video'} but test ${testPath} is ${testKind === 'dataset' ? 'a folder of videos' : 'one video'}`,
      { file: testPath },
    );
  }
  if (refKind !== 'dataset') {
    const r = openVideoSource(refPath, options);
    const t = openVideoSource(testPath, options);
    checkSameSampleType({ path: refPath, info: r.info }, { path: testPath, info: t.info });
    return { pairs: [{ name: basename(testPath), ref: r.source, test: t.source }], floatData: r.info.floatData || t.info.floatData, dataset: false, nonFinite: r.info.nonFinite + t.info.nonFinite, extents: [...extentOf(refPath, r.info, 'reference', basename(testPath)), ...extentOf(testPath, t.info, 'test', basename(testPath))] };
  }
  const refs = datasetEntries(refPath);
  const tests = datasetEntries(testPath);
  for (const name of refs.keys()) {
    if (!tests.has(name)) {
      throw new EvalkitError(ERROR_CODES.MISMATCH, `reference video "${name}" (${refs.get(name)}) has no test video of that name in ${testPath}`, { file: testPath, field: 'video', value: name });
    }
  }
  for (const name of tests.keys()) {
    if (!refs.has(name)) {
      throw new EvalkitError(ERROR_CODES.MISMATCH, `test video "${name}" (${tests.get(name)}) has no reference video of that name in ${refPath}`, { file: refPath, field: 'video', value: name });
    }
  }
  const pairs: VideoPair[] = [];
  let floatData = false;
  let nonFinite = 0;
  const extents: SampleExtent[] = [];
  for (const [name, rp] of refs) {
    const r = openVideoSource(rp, options);
    const t = openVideoSource(tests.get(name)!, options);
    checkSameSampleType({ path: rp, info: r.info }, { path: tests.get(name)!, info: t.info });
    floatData ||= r.info.floatData || t.info.floatData;
    nonFinite += r.info.nonFinite + t.info.nonFinite;
    extents.push(...extentOf(rp, r.info, 'reference', name), ...extentOf(tests.get(name)!, t.info, 'test', name));
    pairs.push({ name, ref: r.source, test: t.source });
  }
  return { pairs, floatData, dataset: true, nonFinite, extents };
}
