import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { requireSystemTool } from '@evalkit/test-harness';
import { createMetricsPool, evaluateDataset, openInputPairs, type EvaluateOptions } from '../src';

const CLIP = resolve(__dirname, '../../../fixtures/clip');
const ffmpeg = requireSystemTool('ffmpeg');
const options: EvaluateOptions = { metrics: ['psnr', 'ssim', 'flicker'], ssimVariant: 'wang', dataRange: 255, luma: false };

async function score(ref: string, test: string) {
  const pool = createMetricsPool(1);
  try {
    const { pairs } = openInputPairs(ref, test);
    return await evaluateDataset(pairs, pool, options);
  } finally {
    await pool.close();
  }
}

ffmpeg.describe('video files score as the frames they hold', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evk-video-metrics-'));
  const run = (...args: string[]) => execFileSync(ffmpeg.paths.ffmpeg, ['-v', 'error', '-y', ...args]);
  // the test video: the fixture clip blurred and sharpened by ffmpeg, kept as PNG frames
  const testFrames = join(dir, 'test-png');
  mkdirSync(testFrames);
  run('-i', join(CLIP, 'frame_%04d.png'), '-vf', 'gblur=sigma=1.2,unsharp=5:5:0.8', join(testFrames, 'frame_%04d.png'));

  it('a lossless MP4 pair gives the PNG pair\'s PSNR, SSIM and flicker exactly', async () => {
    const [refMp4, testMp4] = [join(dir, 'ref.mp4'), join(dir, 'test.mp4')];
    run('-i', join(CLIP, 'frame_%04d.png'), '-c:v', 'libx264rgb', '-qp', '0', '-pix_fmt', 'rgb24', refMp4);
    run('-i', join(testFrames, 'frame_%04d.png'), '-c:v', 'libx264rgb', '-qp', '0', '-pix_fmt', 'rgb24', testMp4);
    const png = await score(CLIP, testFrames);
    const mp4 = await score(refMp4, testMp4);
    expect(png.perVideo[0].frames).toBe(17);
    expect(png.mean.psnr).toBeGreaterThan(25);
    expect(png.mean.psnr).toBeLessThan(45);
    expect(mp4.mean).toEqual(png.mean);
    expect(mp4.rows.map(({ video: _v, ...r }) => r)).toEqual(png.rows.map(({ video: _v, ...r }) => r));
  });

  it('a lossy MP4 gives the scores of ffmpeg\'s own decode of it to PNG', async () => {
    const lossy = join(dir, 'lossy.mp4');
    run('-i', join(testFrames, 'frame_%04d.png'), '-c:v', 'libx264', '-crf', '32', '-pix_fmt', 'yuv420p', lossy);
    const decoded = join(dir, 'lossy-png');
    mkdirSync(decoded);
    run('-i', lossy, join(decoded, 'frame_%04d.png'));
    const viaFfmpeg = await score(CLIP, decoded);
    const direct = await score(CLIP, lossy);
    expect(direct.mean).toEqual(viaFfmpeg.mean);
    // lossy coding costs quality against the lossless scores
    expect(direct.mean.psnr!).toBeLessThan((await score(CLIP, testFrames)).mean.psnr!);
  });

  it('folders of video files pair by name', async () => {
    const [refs, tests] = [join(dir, 'refs'), join(dir, 'tests')];
    mkdirSync(refs);
    mkdirSync(tests);
    for (const name of ['a', 'b']) {
      run('-i', join(CLIP, 'frame_%04d.png'), '-frames:v', '4', '-c:v', 'libx264rgb', '-qp', '0', join(refs, `${name}.mp4`));
      run('-i', join(testFrames, 'frame_%04d.png'), '-frames:v', '4', '-c:v', 'libx264', '-crf', name === 'a' ? '20' : '40', join(tests, `${name}.mkv`));
    }
    const result = await score(refs, tests);
    expect(result.perVideo.map((v) => [v.video, v.frames])).toEqual([['a', 4], ['b', 4]]);
    expect(result.perVideo[0].psnr!).toBeGreaterThan(result.perVideo[1].psnr!);
  });
});
