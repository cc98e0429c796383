import type { ResultDocument } from '@evalkit/core';
import { normalizeDecoders } from '../src/normalize/normalize-decoders';
import { decoderFilesTable, decoderSpeedupTable } from '../src/tables/decoder-tables';
import type { NormalizedReport, PaperValues } from '../src/model';

const paper: PaperValues = {
  turboVaed: {
    models: {
      hunyuanvideo: { label: 'HunyuanVideo', paramsM: 146.1, gpuFps: 10.1, iphoneFps: null, psnr: null, ssim: null },
      'turbo-vaed-hunyuan': { label: 'Turbo-VAED-Hunyuan', paramsM: 40.7, gpuFps: 87.5, iphoneFps: 10.6, psnr: null, ssim: null },
    },
    claims: { qualityRetention: null },
  },
};

const row = (over: Record<string, unknown>) => ({ outputFrames: 17, height: 64, width: 64, meanMs: 10, medianMs: 10, p99Ms: 12, sdMs: 1, fps: 1700, ...over });

describe('a user\'s ONNX decoder in the report', () => {
  const document = {
    schema: 'evalkit/decoder-bench@1',
    results: [
      row({ model: 'hv', label: 'hv', source: 'zoo', zooModel: 'hunyuanvideo', file: null, params: 146_136_339 }),
      // A file labelled with a zoo name is still a file: the paper's numbers are not its numbers.
      row({ model: 'turbo-vaed-hunyuan', label: 'turbo-vaed-hunyuan', source: 'file', zooModel: null, file: { path: 'exports/mine.onnx', bytes: 3 * 2 ** 20, sha256: 'ab'.repeat(32) }, params: 1234567 }),
    ],
    summary: { pairs: [{ baseline: 'hv', candidate: 'turbo-vaed-hunyuan', turbo: 'turbo-vaed-hunyuan', speedup: 2.5, speedupCi95: [2.25, 2.75], unstable: false, paperGpuSpeedup: null }] },
  } as unknown as ResultDocument;
  const { decoders, pairs } = normalizeDecoders([{ loaded: { file: 'd.json', runDir: '.', kind: 'decoder-bench', document }, series: 'laptop' }], paper);

  it('gives paper values to zoo rows by their zoo name and none to files', () => {
    expect(decoders[0]).toMatchObject({ label: 'hv', paperGpuFps: 10.1, source: 'zoo', onnxFile: null });
    expect(decoders[1]).toMatchObject({ label: 'turbo-vaed-hunyuan', paperGpuFps: null, paperIphoneFps: null, source: 'file', params: 1234567 });
  });

  it('prints the pair with its interval and the file it timed', () => {
    const report = { decoders, decoderPairs: pairs } as unknown as NormalizedReport;
    expect(decoderSpeedupTable(report)!.rows).toEqual([['turbo-vaed-hunyuan', 'hv', '2.50\u2009[2.25, 2.75]', '—']]);
    expect(decoderFilesTable(report)!.rows).toEqual([['turbo-vaed-hunyuan', 'exports/mine.onnx', '3.00', 'ab'.repeat(32), '1,234,567']]);
  });
});
