import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import { stderrTail, type FfmpegTools } from './ffmpeg-tools';

/** What ffprobe says about a file's first video stream: recorded with every result read from it. */
export interface VideoProbe {
  /** Container as ffprobe names it ("mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm", "avi"). */
  container: string;
  codec: string;
  width: number;
  height: number;
  /** Frames in the stream (from the container, or counted packets when the container has no count). */
  frames: number;
  /** Frame rate as a fraction ("30000/1001") and as a number. */
  frameRate: string;
  fps: number;
  /** Pixel format of the stream ("yuv420p", "yuv444p10le", "gbrp"). */
  pixelFormat: string;
  /** "tv" (limited), "pc" (full) or "unknown" (ffmpeg then treats YUV as limited range). */
  colorRange: string;
  /** The Y'CbCr matrix ("bt709", "smpte170m", "bt470bg", "unknown": ffmpeg then uses BT.601). */
  colorMatrix: string;
  colorPrimaries: string;
  colorTransfer: string;
  /** Duration in seconds, when known. */
  duration: number | null;
}

const ENTRIES = 'stream=codec_name,width,height,pix_fmt,color_range,color_space,color_primaries,color_transfer,r_frame_rate,avg_frame_rate,nb_frames,nb_read_packets,duration:format=format_name,duration';

function runProbe(tools: FfmpegTools, path: string, countPackets: boolean): Record<string, unknown> {
  const args = ['-v', 'error', '-select_streams', 'v:0', ...(countPackets ? ['-count_packets'] : []), '-show_entries', ENTRIES, '-of', 'json', path];
  const run = spawnSync(tools.ffprobe, args, { encoding: 'utf8', maxBuffer: 16 << 20, timeout: 120_000 });
  if (run.error) throw new EvalkitError(ERROR_CODES.RUNTIME, `cannot run ffprobe: ${run.error.message}`, { file: path, field: 'ffprobe', value: tools.ffprobe });
  if (run.status !== 0) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `not a readable video (ffprobe: ${stderrTail(run.stderr)})`, { file: path });
  try {
    return JSON.parse(run.stdout) as Record<string, unknown>;
  } catch {
    throw new EvalkitError(ERROR_CODES.RUNTIME, 'ffprobe printed no JSON', { file: path, field: 'ffprobe', value: run.stdout.slice(0, 80) });
  }
}

const text = (v: unknown, fallback = 'unknown'): string => (typeof v === 'string' && v !== '' ? v : fallback);

function ratio(v: string): number {
  const [n, d] = v.split('/').map(Number);
  return d ? n / d : n;
}

/** Probes a video file's first video stream with ffprobe; a file that is not a video is EVK_INVALID_INPUT naming it. */
export function probeVideo(path: string, tools: FfmpegTools): VideoProbe {
  if (!existsSync(path)) throw new EvalkitError(ERROR_CODES.FILE_NOT_FOUND, 'no such video file', { file: path });
  if (statSync(path).size === 0) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'empty file', { file: path, field: 'size', value: 0 });
  let info = runProbe(tools, path, false);
  let stream = ((info.streams as Record<string, unknown>[] | undefined) ?? [])[0];
  if (!stream) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'holds no video stream', { file: path });
  let frames = Number(stream.nb_frames);
  if (!Number.isInteger(frames) || frames <= 0) {
    // Matroska/WebM and some AVI files carry no frame count: count packets (no decoding, fast).
    info = runProbe(tools, path, true);
    stream = ((info.streams as Record<string, unknown>[] | undefined) ?? [])[0] ?? stream;
    frames = Number(stream.nb_read_packets);
  }
  const width = Number(stream.width);
  const height = Number(stream.height);
  if (!(width > 0 && height > 0)) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'video stream has no frame size (corrupt header?)', { file: path, field: 'size', value: `${stream.width}x${stream.height}` });
  if (!Number.isInteger(frames) || frames <= 0) throw new EvalkitError(ERROR_CODES.INVALID_INPUT, 'video stream has no frames', { file: path, field: 'frames', value: stream.nb_read_packets ?? null });
  const format = (info.format ?? {}) as Record<string, unknown>;
  const frameRate = text(stream.avg_frame_rate) !== '0/0' && text(stream.avg_frame_rate) !== 'unknown' ? text(stream.avg_frame_rate) : text(stream.r_frame_rate, '0/1');
  const duration = Number(stream.duration ?? format.duration);
  return {
    container: text(format.format_name),
    codec: text(stream.codec_name),
    width,
    height,
    frames,
    frameRate,
    fps: ratio(frameRate),
    pixelFormat: text(stream.pix_fmt),
    colorRange: text(stream.color_range),
    colorMatrix: text(stream.color_space),
    colorPrimaries: text(stream.color_primaries),
    colorTransfer: text(stream.color_transfer),
    duration: Number.isFinite(duration) ? duration : null,
  };
}
