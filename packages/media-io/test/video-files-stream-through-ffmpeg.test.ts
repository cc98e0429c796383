import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isEvalkitError } from '@evalkit/core';
import { requireSystemTool } from '@evalkit/test-harness';
import { findFfmpegTools, openVideoFile, readFrameFolder, readImage, videoEncoding, writeVideoFile } from '../src';
import { type VideoFileReader } from '../src/io/video-reader';

const CLIP = resolve(__dirname, '../../../fixtures/clip');
const ffmpeg = requireSystemTool('ffmpeg');

async function readAll(video: VideoFileReader): Promise<Uint8Array[]> {
  const frames: Uint8Array[] = [];
  for (let i = 0; i < video.probe.frames; i++) frames.push((await video.readFrame(i)).data);
  await video.close();
  return frames;
}

describe('missing ffmpeg', () => {
  it('is an error naming the Debian package, whether PATH lacks it or --ffmpeg points nowhere', () => {
    for (const lookup of [{ env: { PATH: '' } }, { ffmpeg: '/nonexistent/ffmpeg', env: { PATH: '' } }, { env: { PATH: '', EVALKIT_FFMPEG: '/nowhere/ffmpeg' } }]) {
      let caught: unknown;
      try {
        findFfmpegTools(lookup);
      } catch (error) {
        caught = error;
      }
      expect(isEvalkitError(caught)).toBe(true);
      expect((caught as Error).message).toMatch(/install the Debian package "ffmpeg"/);
    }
  });

  it('refuses a CRF outside 0-51 before starting anything', () => {
    expect(() => videoEncoding(64, 64, { crf: 60 })).toThrow(/CRF must be an integer from 0 to 51/);
    expect(videoEncoding(63, 64, { crf: 20 }).pixelFormat).toBe('yuv444p');
  });
});

ffmpeg.describe('video files through ffmpeg', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evk-video-'));
  const run = (...args: string[]) => execFileSync(ffmpeg.paths.ffmpeg, ['-v', 'error', '-y', ...args]);

  it('read a lossless MP4 of the fixture clip back as exactly its PNG frames, with ffprobe facts', async () => {
    const mp4 = join(dir, 'lossless.mp4');
    run('-i', join(CLIP, 'frame_%04d.png'), '-c:v', 'libx264rgb', '-qp', '0', '-pix_fmt', 'rgb24', mp4);
    const video = openVideoFile(mp4);
    expect(video.probe).toMatchObject({ codec: 'h264', width: 128, height: 128, frames: 17, frameRate: '25/1', fps: 25, pixelFormat: 'gbrp' });
    const frames = await readAll(video);
    const pngs = await readFrameFolder(CLIP);
    expect(frames.map((f, i) => Buffer.from(f).equals(Buffer.from(pngs.frames[i])))).toEqual(new Array(17).fill(true));
  });

  it.each([
    ['MKV (FFV1)', 'clip.mkv', ['-c:v', 'ffv1', '-pix_fmt', 'yuv420p']],
    ['WebM (VP9)', 'clip.webm', ['-c:v', 'libvpx-vp9', '-b:v', '200k', '-deadline', 'realtime', '-cpu-used', '8']],
    ['AVI (MPEG-4 part 2)', 'clip.avi', ['-c:v', 'mpeg4', '-q:v', '5']],
    ['MOV (H.264 4:2:0, full range)', 'clip.mov', ['-c:v', 'libx264', '-crf', '30', '-pix_fmt', 'yuvj420p']],
  ])('read %s frame for frame as ffmpeg itself decodes it to PNG', async (_what, name, codec) => {
    const file = join(dir, name);
    run('-i', join(CLIP, 'frame_%04d.png'), '-frames:v', '6', ...(codec as string[]), file);
    const decoded = join(dir, `${name}-png`);
    execFileSync('mkdir', ['-p', decoded]);
    run('-i', file, join(decoded, 'f_%04d.png'));
    const frames = await readAll(openVideoFile(file));
    expect(frames).toHaveLength(6);
    for (let i = 0; i < frames.length; i++) {
      const png = await readImage(join(decoded, `f_${String(i + 1).padStart(4, '0')}.png`), 'rgb');
      expect(Buffer.from(frames[i]).equals(Buffer.from(png.data))).toBe(true);
    }
  });

  it('write a video people can open: lossless reads back exactly, CRF as 4:2:0 BT.601 that ffprobe describes', async () => {
    const clip = await readFrameFolder(CLIP);
    const exact = join(dir, 'out-lossless.mp4');
    expect(await writeVideoFile(exact, clip, { fps: 8 })).toMatchObject({ codec: 'libx264rgb', lossless: true });
    const back = await readAll(openVideoFile(exact));
    expect(back.every((f, i) => Buffer.from(f).equals(Buffer.from(clip.frames[i])))).toBe(true);
    const lossy = join(dir, 'out-crf.mp4');
    await writeVideoFile(lossy, clip, { crf: 23, fps: 8 });
    expect(openVideoFile(lossy).probe).toMatchObject({ codec: 'h264', pixelFormat: 'yuv420p', colorRange: 'tv', colorMatrix: 'smpte170m', frames: 17, frameRate: '8/1' });
  });

  it('refuse a corrupt or truncated MP4 with an error naming the file', async () => {
    const garbage = join(dir, 'garbage.mp4');
    writeFileSync(garbage, Buffer.alloc(4096, 7));
    expect(() => openVideoFile(garbage)).toThrow(/garbage\.mp4: not a readable video \(ffprobe: .*Invalid data/);
    const whole = readFileSync(join(dir, 'lossless.mp4'));
    const cut = join(dir, 'cut.mp4');
    writeFileSync(cut, whole.subarray(0, whole.length >> 1));
    let caught: unknown;
    try {
      await readAll(openVideoFile(cut));
    } catch (error) {
      caught = error;
    }
    expect(isEvalkitError(caught, 'EVK_INVALID_INPUT')).toBe(true);
    expect((caught as Error).message).toContain('cut.mp4');
  });

  it('stop ffmpeg when closed before the last frame', async () => {
    const video = openVideoFile(join(dir, 'lossless.mp4'));
    await video.readFrame(0);
    await video.close();
    await expect(video.readFrame(0)).resolves.toMatchObject({ width: 128 });
    await video.close();
  });
});
