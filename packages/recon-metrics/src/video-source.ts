import type { Frame } from './frame';

/** A video whose frames can be read by index; the io/ adapters make these from files. */
export interface VideoSource {
  /** The file or folder it came from (used in error messages). */
  label: string;
  /** Number of frames available. */
  frameCount: number;
  /** Reads frame `index` (0-based). */
  readFrame(index: number): Promise<Frame>;
  /** What ffprobe reported for a video file (frame rate, size, pixel format, colour range and matrix). */
  media?: Record<string, unknown>;
  /** Releases what reading holds (a video file's ffmpeg process); absent when nothing is held. */
  close?(): Promise<void>;
}

/** A frame-by-frame transformation applied while reading (the Turbo-VAED resize and crop). */
export type FrameTransform = (frame: Frame) => Promise<Frame> | Frame;
