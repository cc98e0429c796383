import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import type { Image8 } from '../frames';
import { findFfmpegTools, stderrTail, type FfmpegLookup, type FfmpegTools } from './ffmpeg-tools';
import { probeVideo, type VideoProbe } from './video-probe';

/** Extensions read as video files through ffmpeg (lower case). */
export const FFMPEG_VIDEO_EXTENSIONS = ['.mp4', '.mkv', '.webm', '.avi', '.mov'] as const;

/** Whether `path` names a video file read through ffmpeg. */
export function isFfmpegVideoPath(path: string): boolean {
  const lower = path.toLowerCase();
  return FFMPEG_VIDEO_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** A video file opened for reading: its probe, and its frames decoded in order, one at a time. */
export interface VideoFileReader {
  readonly path: string;
  readonly probe: VideoProbe;
  /** Frame `index` as 8-bit RGB; indices must come in order 0, 1, 2, ... (the file is streamed, never held whole); 0 again starts over. */
  readFrame(index: number): Promise<Image8>;
  /** Stops ffmpeg (safe to call twice, and after the last frame). */
  close(): Promise<void>;
}

const STDERR_KEEP = 64 * 1024;

/**
 * Opens a video file (MP4, MKV, WebM, AVI, MOV or anything ffmpeg reads) for frame-by-frame reading.
 * ffprobe runs now; ffmpeg starts at the first frame and streams raw RGB frames over a pipe (the way
 * imageio-ffmpeg reads video), one frame in memory at a time plus the pipe's buffer. Frames are
 * converted by ffmpeg's own rules: the stream's colour matrix and range, or BT.601 limited range when
 * untagged (the same rule evalkit applies to Y4M). Frames are passed through as stored: no frame-rate
 * conversion drops or repeats one.
 */
export function openVideoFile(path: string, lookup: FfmpegLookup = {}): VideoFileReader {
  const tools = findFfmpegTools(lookup);
  const probe = probeVideo(path, tools);
  return new StreamingReader(path, probe, tools);
}

class StreamingReader implements VideoFileReader {
  private proc: ChildProcessByStdio<null, Readable, Readable> | null = null;
  private chunks: AsyncIterator<Buffer> | null = null;
  private leftover: Buffer | null = null;
  private stderr = '';
  private exit: Promise<number | null> | null = null;
  private spawnError: Error | null = null;
  private next = 0;
  private readonly frameBytes: number;

  constructor(
    readonly path: string,
    readonly probe: VideoProbe,
    private readonly tools: FfmpegTools,
  ) {
    this.frameBytes = probe.width * probe.height * 3;
  }

  private start(): void {
    const args = ['-v', 'error', '-nostdin', '-i', this.path, '-map', '0:v:0', '-vsync', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'];
    const proc = spawn(this.tools.ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (s: string) => {
      this.stderr = (this.stderr + s).slice(-STDERR_KEEP);
    });
    this.exit = new Promise((resolve) => {
      proc.on('error', (error) => {
        this.spawnError = error;
        resolve(null);
      });
      proc.on('close', (code) => resolve(code));
    });
    this.proc = proc;
    this.chunks = proc.stdout[Symbol.asyncIterator]();
  }

  async readFrame(index: number): Promise<Image8> {
    if (index === 0 && this.next > 0) {
      // a second pass (the baseline scored against the same reference) decodes again from the start
      await this.close();
      this.leftover = null;
      this.next = 0;
    }
    if (index !== this.next) throw new RangeError(`${this.path}: frames of a video file are read in order; asked for ${index}, next is ${this.next}`);
    if (index >= this.probe.frames) throw new RangeError(`frame ${index} out of range (${this.probe.frames} frames in ${this.path})`);
    if (!this.proc) this.start();
    const data = new Uint8Array(this.frameBytes);
    let filled = 0;
    while (filled < this.frameBytes) {
      let chunk = this.leftover;
      this.leftover = null;
      if (!chunk) {
        const step = await this.chunks!.next();
        if (step.done) break;
        chunk = step.value;
      }
      const take = Math.min(chunk.length, this.frameBytes - filled);
      data.set(chunk.subarray(0, take), filled);
      filled += take;
      if (take < chunk.length) this.leftover = chunk.subarray(take);
    }
    if (filled < this.frameBytes) {
      const code = await this.exit!;
      if (this.spawnError) throw new EvalkitError(ERROR_CODES.RUNTIME, `cannot run ffmpeg: ${this.spawnError.message}`, { file: this.path, field: 'ffmpeg', value: this.tools.ffmpeg });
      const why = code !== 0 ? `ffmpeg failed (exit ${code}): ${stderrTail(this.stderr)}` : `the stream ended after ${index} frames, but ffprobe reported ${this.probe.frames}`;
      throw new EvalkitError(ERROR_CODES.INVALID_INPUT, `cannot decode frame ${index}: ${why}`, { file: this.path, field: 'frames', value: index });
    }
    this.next++;
    return { width: this.probe.width, height: this.probe.height, channels: 3, data };
  }

  async close(): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    this.proc = null;
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    proc.stdout.destroy();
    await this.exit;
  }
}
