// Benchmark: dataset throughput of the local worker pool (runDataset), in pairs (videos) per second
// for 1 and 2 workers, on a dataset made from the fixture clip (reference) and a seeded noisy copy
// (test), as PNG frame folders or, with --format mp4, as MP4 files decoded through ffmpeg.
// Each run starts its worker threads afresh (what `evalkit metrics --manifest` pays), so small
// datasets show the start-up cost. Figures mean something only on an otherwise idle machine.
//
//   npx tsx packages/dataset/bench/local-pool-pairs-per-second.ts [--pairs 16] [--frames 17]
//       [--runs 5] [--workers 1,2] [--format png|mp4] [--metrics psnr,ssim]
//   quick check that it runs: ... --pairs 2 --frames 3 --runs 1
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findFfmpegTools, readFrameFolder, writePngFrames } from '@evalkit/media-io';
import { formatWithInterval, sampleStats } from '@evalkit/bench/statistics';
import type { MetricName } from '@evalkit/recon-metrics';
import { createDatasetConfig, runDataset, type DatasetPair } from '../src';

const { values } = parseArgs({
  options: {
    pairs: { type: 'string', default: '16' },
    frames: { type: 'string', default: '17' },
    runs: { type: 'string', default: '5' },
    workers: { type: 'string', default: '1,2' },
    format: { type: 'string', default: 'png' },
    metrics: { type: 'string', default: 'psnr,ssim' },
  },
});
const PAIRS = Number(values.pairs);
const FRAMES = Number(values.frames);
const RUNS = Number(values.runs);
const WORKERS = values.workers!.split(',').map(Number);
const CLIP = resolve(__dirname, '../../../fixtures/clip');

/** Writes the reference and test videos once; every pair points at them (the OS caches the files). */
async function makeVideos(dir: string): Promise<{ ref: string; test: string; size: string }> {
  const clip = await readFrameFolder(CLIP);
  const frames = Array.from({ length: FRAMES }, (_, i) => clip.frames[i % clip.frames.length]);
  let s = 20240601;
  const noisy = frames.map((f) =>
    f.map((v) => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return Math.max(0, Math.min(255, v + ((s >>> 16) % 17) - 8));
    }),
  );
  const [refDir, testDir] = [join(dir, 'ref'), join(dir, 'test')];
  mkdirSync(refDir);
  mkdirSync(testDir);
  await writePngFrames(refDir, { ...clip, frames });
  await writePngFrames(testDir, { ...clip, frames: noisy });
  const size = `${clip.width}x${clip.height}`;
  if (values.format === 'png') return { ref: refDir, test: testDir, size };
  const { ffmpeg } = findFfmpegTools();
  const encode = (from: string, to: string, codec: string[]) => execFileSync(ffmpeg, ['-v', 'error', '-y', '-i', join(from, 'frame_%04d.png'), ...codec, to]);
  encode(refDir, join(dir, 'ref.mp4'), ['-c:v', 'libx264rgb', '-qp', '0']);
  encode(testDir, join(dir, 'test.mp4'), ['-c:v', 'libx264', '-crf', '28', '-pix_fmt', 'yuv420p']);
  return { ref: join(dir, 'ref.mp4'), test: join(dir, 'test.mp4'), size };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'evk-pool-bench-'));
  try {
    const videos = await makeVideos(dir);
    const pairs: DatasetPair[] = Array.from({ length: PAIRS }, (_, i) => ({ id: `v${String(i).padStart(4, '0')}`, ref: videos.ref, test: videos.test }));
    const config = createDatasetConfig({ metrics: values.metrics!.split(',') as MetricName[] }, pairs);
    console.log(`local pool: ${PAIRS} pairs of ${FRAMES} frames ${videos.size} (${values.format}), metrics ${config.metrics.join(',')}, ${RUNS} runs each`);
    console.log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} logical cores`);
    console.log('workers  pairs/s [95% CI]      frames/s  run median s');
    for (const workers of WORKERS) {
      const times: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        const t0 = performance.now();
        const rows = await runDataset(pairs, config, { workers });
        times.push(performance.now() - t0);
        if (rows.some((row) => row.status !== 'ok')) throw new Error(`a pair failed: ${JSON.stringify(rows.find((row) => row.status !== 'ok'))}`);
      }
      const stats = sampleStats(times);
      const rate = (ms: number) => (PAIRS * 1000) / ms;
      const ci = stats.medianCi95Ms ? ([rate(stats.medianCi95Ms[1]), rate(stats.medianCi95Ms[0])] as [number, number]) : null;
      console.log(
        `${String(workers).padEnd(7)}  ${formatWithInterval(rate(stats.medianMs), ci, { digits: 2 }).padEnd(20)}  ${(rate(stats.medianMs) * FRAMES).toFixed(0).padStart(8)}  ${(stats.medianMs / 1000).toFixed(2)}${stats.unstable ? '  (unstable)' : ''}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
