import type { NormalizedReport } from '../model';
import { fixed, MISSING, percentOf, significant, UNSTABLE_NOTE, withInterval } from './format';
import { needsSeriesColumn, num, text, type Table } from './table';

/** Decoder timings per device, with the paper's GPU and iPhone FPS beside ours. */
export function decoderThroughputTable(report: NormalizedReport): Table | null {
  if (report.decoders.length === 0) return null;
  const withSeries = needsSeriesColumn(report.decoders);
  return {
    id: 'decoder-throughput',
    section: 'decoder-bench',
    title: 'Decoder throughput',
    caption: `Median decode time and frames per second with 95% bootstrap intervals, p99, and achieved fraction of the compute ceiling per decoder (the best measured GEMM, raised to any decoder that beats it, marked ↑: never above 100%); paper FPS at 512×512 on GPU and iPhone 16 Pro. ${UNSTABLE_NOTE}`,
    columns: [
      ...(withSeries ? [text('Device')] : []),
      text('Decoder'),
      text('Frames×H×W'),
      num('Median (ms) [95% CI]'),
      num('p99 (ms)'),
      num('FPS [95% CI]'),
      num('GFLOP/s'),
      num('Of ceiling'),
      num('Paper GPU FPS'),
      num('Paper iPhone FPS'),
    ],
    rows: report.decoders.map((d) => [
      ...(withSeries ? [d.series] : []),
      d.label,
      d.size,
      withInterval(d.medianMs, d.medianCi95Ms, 1, d.unstable),
      fixed(d.p99Ms, 1),
      withInterval(d.fps, d.fpsCi95, 2, d.unstable),
      significant(d.gflops, 3),
      `${percentOf(d.ceilingFraction)}${d.aboveCeiling ? ' ↑' : ''}`,
      fixed(d.paperGpuFps, 1),
      fixed(d.paperIphoneFps, 1),
    ]),
  };
}

/** Candidate-over-baseline speedups per device next to the paper's GPU speedups. */
export function decoderSpeedupTable(report: NormalizedReport): Table | null {
  if (report.decoderPairs.length === 0) return null;
  const withSeries = needsSeriesColumn(report.decoderPairs);
  return {
    id: 'decoder-speedup',
    section: 'decoder-bench',
    title: 'Decoder speedup over its baseline',
    caption: `Baseline median time over candidate median time per pair (scaled by their frame counts), with a 95% bootstrap interval over the interleaved runs, next to the speedup the paper reports on GPU. ${UNSTABLE_NOTE}`,
    columns: [...(withSeries ? [text('Device')] : []), text('Decoder'), text('Baseline'), num('Speedup (×) [95% CI]'), num('Paper GPU speedup (×)')],
    rows: report.decoderPairs.map((p) => [...(withSeries ? [p.series] : []), p.turbo, p.baseline, withInterval(p.speedup, p.speedupCi95, 2, p.unstable), fixed(p.paperGpuSpeedup, 1)]),
  };
}

/** The ONNX files among the timed decoders: what exactly was measured (path, size, SHA-256, parameters). */
export function decoderFilesTable(report: NormalizedReport): Table | null {
  const files = report.decoders.filter((d) => d.onnxFile !== null);
  if (files.length === 0) return null;
  const withSeries = needsSeriesColumn(files);
  return {
    id: 'decoder-files',
    section: 'decoder-bench',
    title: 'Decoder files',
    caption: 'The ONNX decoder files timed above, as given on the command line, with their size, SHA-256 and parameters (elements of their floating-point initializers).',
    columns: [...(withSeries ? [text('Device')] : []), text('Decoder'), text('File'), num('Size (MiB)'), text('SHA-256'), num('Parameters')],
    rows: files.map((d) => [...(withSeries ? [d.series] : []), d.label, d.onnxFile!.path, fixed(d.onnxFile!.bytes / 2 ** 20, 2), d.onnxFile!.sha256, d.params === null ? MISSING : d.params.toLocaleString('en-US')]),
  };
}
