import { spawn } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { extname } from 'node:path';
import { ERROR_CODES, EvalkitError, forgetPendingPath, registerPendingPath, temporaryPathFor } from '@evalkit/core';
import type { Frames8 } from '../frames';
import { findFfmpegTools, stderrTail, type FfmpegLookup } from './ffmpeg-tools';

/** How a video file is encoded. */
export interface VideoWriteOptions extends FfmpegLookup {
  /** Frames per second (default 25): a number, or an exact rational "30000/1001". */
  fps?: number | string;
  /**
   * H.264 constant rate factor 0–51 (lower is better; 18 looks lossless to most eyes): 4:2:0 BT.601
   * limited range, which every player opens. Absent: lossless RGB H.264 (libx264rgb, qp 0), exact
   * frames, opened by ffmpeg, VLC and mpv but not by browsers.
   */
  crf?: number;
}

/** The codec arguments of a write, recorded in the decode document. */
export interface VideoEncoding {
  codec: string;
  pixelFormat: string;
  crf: number | null;
  lossless: boolean;
  /** Frame rate as given to ffmpeg ("25", "30000/1001"). */
  fps: string;
  args: string[];
}

/** The ffmpeg arguments for a frame size and options (pure: what writeVideoFile will run). */
export function videoEncoding(width: number, height: number, options: VideoWriteOptions = {}): VideoEncoding {
  const given = options.fps ?? 25;
  const m = /^(\d+)\/(\d+)$/.exec(String(given));
  const rate = m ? Number(m[1]) / Number(m[2]) : Number(given);
  if (!(rate > 0 && rate <= 1000)) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'frame rate must be in (0, 1000] (a number or NUM/DEN)', { field: 'fps', value: given });
  const fps = String(given);
  if (options.crf === undefined) {
    return { codec: 'libx264rgb', pixelFormat: 'rgb24', crf: null, lossless: true, fps, args: ['-c:v', 'libx264rgb', '-qp', '0', '-preset', 'medium', '-pix_fmt', 'rgb24'] };
  }
  const crf = options.crf;
  if (!(Number.isInteger(crf) && crf >= 0 && crf <= 51)) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'CRF must be an integer from 0 to 51', { field: 'crf', value: crf });
  // 4:2:0 needs even sides; 4:4:4 keeps odd-sized frames whole instead of cropping or padding them
  const pixelFormat = width % 2 === 0 && height % 2 === 0 ? 'yuv420p' : 'yuv444p';
  const tags = ['-colorspace', 'smpte170m', '-color_primaries', 'smpte170m', '-color_trc', 'smpte170m', '-color_range', 'tv'];
  return { codec: 'libx264', pixelFormat, crf, lossless: false, fps, args: ['-c:v', 'libx264', '-crf', String(crf), '-preset', 'medium', '-pix_fmt', pixelFormat, ...tags] };
}

/**
 * Encodes 8-bit RGB frames into a video file (.mp4, .mkv or .mov) through ffmpeg, frames streamed
 * over its stdin. Written to a temporary sibling and renamed into place, so an interrupted or failed
 * encode leaves no partial file. Returns the encoding used.
 */
export async function writeVideoFile(path: string, frames: Frames8, options: VideoWriteOptions = {}): Promise<VideoEncoding> {
  const ext = extname(path).toLowerCase();
  if (!['.mp4', '.mkv', '.mov'].includes(ext)) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'a video is written as .mp4, .mkv or .mov', { file: path, field: 'extension', value: ext });
  if (frames.frames.length === 0) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'no frames to write', { file: path, field: 'frames', value: 0 });
  const tools = findFfmpegTools(options);
  const encoding = videoEncoding(frames.width, frames.height, options);
  const tmp = temporaryPathFor(path) + ext;
  const args = ['-v', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${frames.width}x${frames.height}`, '-r', encoding.fps, '-i', 'pipe:0', ...encoding.args];
  if (ext === '.mp4' || ext === '.mov') args.push('-movflags', '+faststart');
  args.push(tmp);
  registerPendingPath(tmp);
  try {
    const proc = spawn(tools.ffmpeg, args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (s: string) => {
      stderr = (stderr + s).slice(-65536);
    });
    const exit = new Promise<number | null>((resolve, reject) => {
      proc.on('error', reject);
      proc.on('close', (code) => resolve(code));
    });
    // a closed pipe (ffmpeg failed early) surfaces through the exit code below
    proc.stdin.on('error', () => {});
    for (const frame of frames.frames) {
      if (!proc.stdin.write(frame)) await new Promise<void>((resolve) => proc.stdin.once('drain', resolve).once('close', resolve));
      if (proc.exitCode !== null) break;
    }
    proc.stdin.end();
    const code = await exit.catch((error: Error) => {
      throw new EvalkitError(ERROR_CODES.RUNTIME, `cannot run ffmpeg: ${error.message}`, { file: path, field: 'ffmpeg', value: tools.ffmpeg });
    });
    if (code !== 0) throw new EvalkitError(ERROR_CODES.RUNTIME, `ffmpeg could not encode the video (exit ${code}): ${stderrTail(stderr)}`, { file: path });
    renameSync(tmp, path);
    return encoding;
  } finally {
    if (existsSync(tmp)) rmSync(tmp, { force: true });
    forgetPendingPath(tmp);
  }
}
