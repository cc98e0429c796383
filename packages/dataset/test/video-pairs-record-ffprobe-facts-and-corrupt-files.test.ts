import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRunManifest, serializeResultDocument } from '@evalkit/core';
import { requireSystemTool } from '@evalkit/test-harness';
import { assembleDatasetDocument, createDatasetConfig, evaluatePair, mergeDatasetDocuments, runDataset, selectShard, type DatasetPair } from '../src';
import { type EvaluatedPairRow } from '../src/pair';
import { writeManifest } from './fixture-dataset';

const CLIP = resolve(__dirname, '../../../fixtures/clip');
const tools = requireSystemTool('ffmpeg');
const manifest = createRunManifest({ tool: 'test', toolVersion: '0', startedAt: new Date(0), finishedAt: new Date(1000), config: {} });

describe('video pairs', () => {
  it('stop the run on a machine without ffmpeg instead of failing the pair (another machine may have it)', async () => {
    const { dir } = writeManifest([]);
    writeFileSync(join(dir, 'a.mp4'), 'x');
    const pair: DatasetPair = { id: 'a', ref: join(dir, 'a.mp4'), test: join(dir, 'a.mp4') };
    await expect(evaluatePair(pair, createDatasetConfig({ metrics: ['psnr'] }, [pair]), undefined, { ffmpeg: '/nonexistent/ffmpeg' })).rejects.toThrow(/install the Debian package "ffmpeg"/);
  });

  tools.it('record ffprobe\'s facts, list a corrupt file as failed, and give one document from a pool and from shards', async () => {
    const { dir } = writeManifest([]);
    const ffmpeg = (...args: string[]) => execFileSync(tools.paths.ffmpeg, ['-v', 'error', '-y', '-i', join(CLIP, 'frame_%04d.png'), '-frames:v', '4', ...args]);
    ffmpeg('-c:v', 'libx264rgb', '-qp', '0', join(dir, 'ref.mp4'));
    ffmpeg('-c:v', 'libx264', '-crf', '30', '-pix_fmt', 'yuv420p', join(dir, 'test.mp4'));
    ffmpeg('-c:v', 'libvpx-vp9', '-pix_fmt', 'yuv420p', '-b:v', '100k', '-deadline', 'realtime', '-cpu-used', '8', join(dir, 'test.webm'));
    writeFileSync(join(dir, 'corrupt.mp4'), Buffer.alloc(2048, 3));
    const pairs: DatasetPair[] = [
      { id: 'h264', ref: join(dir, 'ref.mp4'), test: join(dir, 'test.mp4') },
      { id: 'vp9', ref: join(dir, 'ref.mp4'), test: join(dir, 'test.webm') },
      { id: 'corrupt', ref: join(dir, 'ref.mp4'), test: join(dir, 'corrupt.mp4') },
    ];
    const config = createDatasetConfig({ metrics: ['psnr', 'ssim', 'flicker'] }, pairs);
    const pooled = assembleDatasetDocument(config, await runDataset(pairs, config, { workers: 2 }), manifest);
    const parts = [0, 1].map((i) => {
      const c = createDatasetConfig({ metrics: ['psnr', 'ssim', 'flicker'] }, pairs, { index: i, count: 2 });
      return runDataset(selectShard(pairs, i, 2), c, { workers: 1 }).then((rows) => assembleDatasetDocument(c, rows, manifest));
    });
    const merged = mergeDatasetDocuments(await Promise.all(parts), { manifest });
    expect(serializeResultDocument(merged)).toBe(serializeResultDocument(pooled));
    expect(pooled.summary.failedIds).toEqual(['corrupt']);
    const failed = pooled.results.find((r) => r.id === 'corrupt')!;
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'EVK_INVALID_INPUT' } });
    expect(JSON.stringify(failed)).toMatch(/corrupt\.mp4: not a readable video/);
    expect(JSON.stringify(failed)).not.toMatch(/0x[0-9a-f]{6,}/);
    const vp9 = pooled.results.find((r) => r.id === 'vp9') as EvaluatedPairRow;
    expect(vp9.frames).toBe(4);
    expect(vp9.media.ref).toMatchObject({ format: 'video', codec: 'h264', pixelFormat: 'gbrp', width: 128, height: 128, frames: 4, frameRate: '25/1' });
    expect(vp9.media.test).toMatchObject({ format: 'video', codec: 'vp9', pixelFormat: 'yuv420p', frames: 4 });
    expect(vp9.metrics.psnr!).toBeGreaterThan(15);
    expect(vp9.metrics.flicker!).toBeGreaterThan(0);
  });
});
