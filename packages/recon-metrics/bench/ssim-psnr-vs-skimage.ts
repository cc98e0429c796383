// Benchmark: our SSIM (Wang/Gaussian convention, one thread) against scikit-image's
// structural_similarity on the same 1280x720 RGB pair, timed side by side in one run, plus our
// PSNR throughput. Run: npm run bench -w @evalkit/recon-metrics (final figures under
// `flock /tmp/evalkit-bench.lock`). Targets (issue 6): SSIM >= 5x faster than skimage, PSNR >= 1 GB/s.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cpus } from 'node:os';
import { encodeNpy } from '@evalkit/media-io';
import { formatWithInterval, independentRatioInterval, sampleStats, type SampleStats } from '@evalkit/bench/statistics';
import { debianPython } from '@evalkit/test-harness';
import { psnr, ssim, type Frame } from '../src';

const WIDTH = 1280;
const HEIGHT = 720;
const SSIM_RUNS = 9;
const PSNR_RUNS = 200;
const SKIMAGE_RUNS = 5;

/** A timed row as every evalkit benchmark prints it: median [95% CI] in ms, n, CV, Tukey outliers, unstable. */
const row = (s: SampleStats) =>
  `${formatWithInterval(s.medianMs, s.medianCi95Ms, { digits: 2 })} ms (n ${s.samples}, CV ${(100 * s.cv).toFixed(1)}%, ${s.outliers.indices.length} outliers${s.unstable ? `, UNSTABLE: ${s.unstableReasons.join('; ')}` : ''})`;

/** A photograph (skimage's coffee crop from the fixtures) upscaled to 1280x720, and a noisy copy (seeded). */
async function makePair(): Promise<[Frame, Frame]> {
  const sharp = (await import('sharp')).default;
  const { data } = await sharp(resolve(__dirname, '../../../fixtures/recon/images/coffee-large-ref.png'))
    .resize(WIDTH, HEIGHT, { fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const a = new Uint8Array(data);
  const b = new Uint8Array(a.length);
  let s = 12345;
  for (let i = 0; i < a.length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    b[i] = Math.max(0, Math.min(255, a[i] + ((s >>> 16) % 25) - 12));
  }
  return [
    { width: WIDTH, height: HEIGHT, channels: 3, data: a },
    { width: WIDTH, height: HEIGHT, channels: 3, data: b },
  ];
}

const PYTHON = `
import json, sys, time
import numpy as np
from skimage.metrics import structural_similarity
a = np.load(sys.argv[1])[0]; b = np.load(sys.argv[2])[0]
f = lambda: structural_similarity(a, b, gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=255, channel_axis=-1)
value = f()  # warm-up
times = []
for _ in range(int(sys.argv[3])):
    t = time.perf_counter(); f(); times.append(time.perf_counter() - t)
print(json.dumps({"value": value, "times": times}))
`;

async function main(): Promise<void> {
  const [a, b] = await makePair();
  const dir = mkdtempSync(join(tmpdir(), 'recon-bench-'));
  try {
    writeFileSync(join(dir, 'a.npy'), encodeNpy({ data: a.data, shape: [1, HEIGHT, WIDTH, 3] }));
    writeFileSync(join(dir, 'b.npy'), encodeNpy({ data: b.data, shape: [1, HEIGHT, WIDTH, 3] }));

    // ours, single thread (this thread), after JIT warm-up
    for (let i = 0; i < 2; i++) ssim(a, b, { variant: 'wang', dataRange: 255 });
    const ssimTimes: number[] = [];
    let ours = 0;
    for (let i = 0; i < SSIM_RUNS; i++) {
      const t = performance.now();
      ours = ssim(a, b, { variant: 'wang', dataRange: 255 });
      ssimTimes.push((performance.now() - t) / 1000);
    }

    const sk = JSON.parse(
      execFileSync(debianPython(), ['-c', PYTHON, join(dir, 'a.npy'), join(dir, 'b.npy'), String(SKIMAGE_RUNS)], {
        encoding: 'utf8',
        // one thread for the reference too (numpy/scipy filters are single-threaded, BLAS is not used)
        env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
      }),
    ) as { value: number; times: number[] };

    for (let i = 0; i < 10; i++) psnr(a, b, { dataRange: 255 });
    const psnrTimes: number[] = [];
    for (let i = 0; i < PSNR_RUNS; i++) {
      const t = performance.now();
      psnr(a, b, { dataRange: 255 });
      psnrTimes.push((performance.now() - t) / 1000);
    }

    const ms = (xs: number[]) => xs.map((x) => x * 1000);
    const oursStats = sampleStats(ms(ssimTimes));
    const skStats = sampleStats(ms(sk.times));
    const psnrStats = sampleStats(ms(psnrTimes));
    const oursS = oursStats.medianMs / 1000;
    const skS = skStats.medianMs / 1000;
    const speedup = skS / oursS;
    const speedupCi = independentRatioInterval(ms(sk.times), ms(ssimTimes));
    const psnrS = psnrStats.medianMs / 1000;
    const bytes = a.data.byteLength + b.data.byteLength;
    const gbps = bytes / psnrS / 1e9;
    const lines = [
      `machine: ${cpus()[0]?.model ?? 'unknown CPU'} (${cpus().length} logical cores), Node ${process.version}`,
      `pair: ${WIDTH}x${HEIGHT} RGB uint8 (coffee photograph upscaled + seeded noise)`,
      `SSIM value   ours ${ours.toFixed(8)}  skimage ${sk.value.toFixed(8)}  |diff| ${Math.abs(ours - sk.value).toExponential(2)}`,
      `SSIM time    ours ${row(oursStats)}, one thread`,
      `             skimage ${row(skStats)}`,
      `SSIM ratio   ${formatWithInterval(speedup, speedupCi, { suffix: 'x', digits: 2 })} faster than skimage by medians, 95% bootstrap interval (target >= 5x: ${speedupCi[0] >= 5 ? 'met' : speedup >= 5 ? 'met by the median, not by the whole interval' : 'NOT met'})`,
      `PSNR         ${row(psnrStats)} per pair = ${gbps.toFixed(2)} GB/s of input (${bytes} bytes; target >= 1 GB/s: ${gbps >= 1 ? 'met' : 'NOT met'})`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
