import type { NormalizedReport } from '../model';
import { fixed, MISSING, percentOf, significant, UNSTABLE_NOTE, withInterval } from './format';
import { num, tableOf, text, type Table, type TableMeta } from './table';

/** The meta of a decoder-bench table. */
function decoderMeta(id: string, title: string, caption: string): TableMeta {
  return { id, section: 'decoder-bench', title, caption };
}

/** Decoder timings per device, with the paper's GPU and iPhone FPS beside ours. */
export function decoderThroughputTable(report: NormalizedReport): Table | null {
  const caption = `Median decode time and frames per second with 95% bootstrap intervals, p99, and achieved fraction of the compute ceiling per decoder (the best measured GEMM, raised to any decoder that beats it, marked ↑: never above 100%); paper FPS at 512×512 on GPU and iPhone 16 Pro. ${UNSTABLE_NOTE}`;
  return tableOf(decoderMeta('decoder-throughput', 'Decoder throughput', caption), report.decoders, [
    text('Decoder', (d) => d.label),
    text('Frames×H×W', (d) => d.size),
    num('Median (ms) [95% CI]', (d) => withInterval(d.medianMs, d.medianCi95Ms, 1, d.unstable)),
    num('p99 (ms)', (d) => fixed(d.p99Ms, 1)),
    num('FPS [95% CI]', (d) => withInterval(d.fps, d.fpsCi95, 2, d.unstable)),
    num('GFLOP/s', (d) => significant(d.gflops, 3)),
    num('Of ceiling', (d) => `${percentOf(d.ceilingFraction)}${d.aboveCeiling ? ' ↑' : ''}`),
    num('Paper GPU FPS', (d) => fixed(d.paperGpuFps, 1)),
    num('Paper iPhone FPS', (d) => fixed(d.paperIphoneFps, 1)),
  ]);
}

/** Candidate-over-baseline speedups per device next to the paper's GPU speedups. */
export function decoderSpeedupTable(report: NormalizedReport): Table | null {
  const caption = `Baseline median time over candidate median time per pair (scaled by their frame counts), with a 95% bootstrap interval over the interleaved runs, next to the speedup the paper reports on GPU. ${UNSTABLE_NOTE}`;
  return tableOf(decoderMeta('decoder-speedup', 'Decoder speedup over its baseline', caption), report.decoderPairs, [
    text('Decoder', (p) => p.turbo),
    text('Baseline', (p) => p.baseline),
    num('Speedup (×) [95% CI]', (p) => withInterval(p.speedup, p.speedupCi95, 2, p.unstable)),
    num('Paper GPU speedup (×)', (p) => fixed(p.paperGpuSpeedup, 1)),
  ]);
}

/** The ONNX files among the timed decoders: what exactly was measured (path, size, SHA-256, parameters). */
export function decoderFilesTable(report: NormalizedReport): Table | null {
  const caption = 'The ONNX decoder files timed above, as given on the command line, with their size, SHA-256 and parameters (elements of their floating-point initializers).';
  const files = report.decoders.flatMap((d) => (d.onnxFile === null ? [] : [{ ...d, onnxFile: d.onnxFile }]));
  return tableOf(decoderMeta('decoder-files', 'Decoder files', caption), files, [
    text('Decoder', (d) => d.label),
    text('File', (d) => d.onnxFile.path),
    num('Size (MiB)', (d) => fixed(d.onnxFile.bytes / 2 ** 20, 2)),
    text('SHA-256', (d) => d.onnxFile.sha256),
    num('Parameters', (d) => (d.params === null ? MISSING : d.params.toLocaleString('en-US'))),
  ]);
}
