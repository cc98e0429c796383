import type { NormalizedReport } from '../model';
import { fixed, MISSING, percentOf } from './format';
import { num, tableOf, text, type Table } from './table';

// Recon rows name their series in the comparison (prefixed when several series exist): no Device column.

/** Per-video reconstruction quality of every comparison. */
export function reconQualityTable(report: NormalizedReport): Table | null {
  const meta = {
    id: 'recon-quality',
    section: 'recon-metrics',
    title: 'Reconstruction quality per video',
    caption: 'Mean per-frame PSNR (dB), PSNR pooled over all pixels of the video, SSIM, MS-SSIM and flicker per video.',
  } as const;
  return tableOf(
    meta,
    report.reconVideos,
    [
      text('Reconstruction', (v) => v.comparison),
      text('Video', (v) => v.video),
      num('Frames', (v) => String(v.frames)),
      num('PSNR', (v) => fixed(v.psnr, 2)),
      num('PSNR pooled', (v) => fixed(v.psnrPooled, 2)),
      num('SSIM', (v) => fixed(v.ssim, 4)),
      num('MS-SSIM', (v) => fixed(v.msssim, 4)),
      num('Flicker', (v) => fixed(v.flicker, 4)),
    ],
    false,
  );
}

/** Quality retention per metric, next to the paper's claimed retention. */
export function retentionTable(report: NormalizedReport): Table | null {
  const claim = report.paperQualityRetention;
  const meta = {
    id: 'quality-retention',
    section: 'recon-metrics',
    title: 'Quality retention',
    caption: 'Each metric of the test reconstruction relative to the baseline (inverted for lower-is-better metrics), next to the retention the Turbo-VAED paper claims.',
  } as const;
  const claimCell = claim === null ? MISSING : percentOf(claim);
  return tableOf(
    meta,
    report.retention,
    [
      text('Reconstruction', (r) => r.comparison),
      text('Metric', (r) => r.metric),
      text('Higher is better', (r) => (r.higherIsBetter ? 'yes' : 'no')),
      num('Baseline', (r) => fixed(r.baseline, 4)),
      num('Test', (r) => fixed(r.test, 4)),
      num('Retention', (r) => percentOf(r.retention)),
      num('Paper claim', () => claimCell),
    ],
    false,
  );
}
