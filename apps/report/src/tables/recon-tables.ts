import type { NormalizedReport } from '../model';
import { fixed, MISSING, percentOf } from './format';
import { num, text, type Table } from './table';

/** Per-video reconstruction quality of every comparison. */
export function reconQualityTable(report: NormalizedReport): Table | null {
  if (report.reconVideos.length === 0) return null;
  return {
    id: 'recon-quality',
    section: 'recon-metrics',
    title: 'Reconstruction quality per video',
    caption: 'Mean per-frame PSNR (dB), PSNR pooled over all pixels of the video, SSIM, MS-SSIM and flicker per video.',
    columns: [text('Reconstruction'), text('Video'), num('Frames'), num('PSNR'), num('PSNR pooled'), num('SSIM'), num('MS-SSIM'), num('Flicker')],
    rows: report.reconVideos.map((v) => [
      v.comparison,
      v.video,
      String(v.frames),
      fixed(v.psnr, 2),
      fixed(v.psnrPooled, 2),
      fixed(v.ssim, 4),
      fixed(v.msssim, 4),
      fixed(v.flicker, 4),
    ]),
  };
}

/** Quality retention per metric, next to the paper's claimed retention. */
export function retentionTable(report: NormalizedReport): Table | null {
  if (report.retention.length === 0) return null;
  const claim = report.paperQualityRetention;
  return {
    id: 'quality-retention',
    section: 'recon-metrics',
    title: 'Quality retention',
    caption: 'Each metric of the test reconstruction relative to the baseline (inverted for lower-is-better metrics), next to the retention the Turbo-VAED paper claims.',
    columns: [text('Reconstruction'), text('Metric'), text('Higher is better'), num('Baseline'), num('Test'), num('Retention'), num('Paper claim')],
    rows: report.retention.map((r) => [
      r.comparison,
      r.metric,
      r.higherIsBetter ? 'yes' : 'no',
      fixed(r.baseline, 4),
      fixed(r.test, 4),
      percentOf(r.retention),
      claim === null ? MISSING : percentOf(claim),
    ]),
  };
}
