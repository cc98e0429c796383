import type { NormalizedReport } from '../model';
import { bars, figure, numberTip, offsetBy, panels, RECONSTRUCTION_TIP, round, seriesColour, textTip, type Figure } from './figure';

/** PSNR, SSIM and MS-SSIM per video for every comparison, one panel per metric. */
export function reconQualityFigure(report: NormalizedReport): Figure | null {
  const metrics: [string, (r: NormalizedReport['reconVideos'][number]) => number | null][] = [
    ['PSNR (dB)', (r) => r.psnr],
    ['SSIM', (r) => r.ssim],
    ['MS-SSIM', (r) => r.msssim],
  ];
  const values = report.reconVideos.flatMap((r) =>
    metrics.flatMap(([metric, get]) => {
      const v = get(r);
      // An identical pair's PSNR is infinite: it cannot be placed on an axis, the table shows it.
      return v !== null && Number.isFinite(v) ? [{ comparison: r.comparison, video: r.video, metric, value: round(v), frames: r.frames }] : [];
    }),
  );
  if (values.length === 0) return null;
  const comparisons = [...new Set(values.map((v) => v.comparison))];
  const present = metrics.map(([m]) => m).filter((m) => values.some((v) => v.metric === m));
  const title = 'Reconstruction quality per video';
  const description = 'Mean per-frame PSNR, SSIM and MS-SSIM of each video, one bar per compared reconstruction.';
  return figure({ id: 'recon-quality', section: 'recon-metrics', title, description }, values, {
    ...panels(
      { column: { field: 'metric', type: 'nominal', sort: present, title: null } },
      14 * Math.max(2, comparisons.length),
      200,
      bars({
        x: { field: 'video', type: 'nominal', sort: null, title: 'Video', axis: { labelAngle: -30, labelLimit: 240 } },
        xOffset: offsetBy('comparison', comparisons),
        y: { field: 'value', type: 'quantitative', title: 'Value', scale: { zero: false } },
        color: seriesColour(comparisons, { field: 'comparison', title: 'Reconstruction' }),
        tooltip: [textTip('video', 'Video'), RECONSTRUCTION_TIP, textTip('metric', 'Metric'), numberTip('value', 'Value', '.4f'), numberTip('frames', 'Frames')],
      }),
    ),
  });
}
