import type { ResultDocument } from '@evalkit/core';
import { normalizeDecoders } from '../src/normalize/normalize-decoders';
import { decoderFilesTable, decoderSpeedupTable } from '../src/tables/decoder-tables';
import type { NormalizedReport } from '../src/model';

const row = (over: Record<string, unknown>) => ({ outputFrames: 17, height: 64, width: 64, meanMs: 10, medianMs: 10, p99Ms: 12, sdMs: 1, fps: 1700, ...over });

describe('a user\'s ONNX decoder in the report', () => {
  const document = {
    schema: 'evalkit/decoder-bench@1',
    results: [
      row({ model: 'hv', label: 'hv', source: 'zoo', zooModel: 'hunyuanvideo', file: null, params: 146_136_339 }),
      // A file labelled with a zoo name is still a file: the paper's numbers are not its numbers.
      row({ model: 'turbo-vaed-hunyuan', label: 'turbo-vaed-hunyuan', source: 'file', zooModel: null, file: { path: 'exports/mine.onnx', bytes: 3 * 2 ** 20, sha256: 'ab'.repeat(32) }, params: 1234567 }),
    ],
    summary: {
      pairs: [{ baseline: 'hv', candidate: 'turbo-vaed-hunyuan', turbo: 'turbo-vaed-hunyuan', speedup: 2.5, speedupCi95: [2.25, 2.75], unstable: false, paperGpuSpeedup: null }],
      // As bench decoders joins them: the zoo row's FPS from the paper, by row model; nothing for the file.
      paperFps: { hv: { gpuFps: 10.1, iphoneFps: null } },
    },
  } as unknown as ResultDocument;
  const { decoders, pairs } = normalizeDecoders([{ loaded: { file: 'd.json', runDir: '.', kind: 'decoder-bench', document }, series: 'laptop' }]);

  it('draws the paper FPS the document carries for its zoo row, and none for the file', () => {
    expect(decoders[0]).toMatchObject({ label: 'hv', paperGpuFps: 10.1, paperIphoneFps: null, source: 'zoo', onnxFile: null });
    expect(decoders[1]).toMatchObject({ label: 'turbo-vaed-hunyuan', paperGpuFps: null, paperIphoneFps: null, source: 'file', params: 1234567 });
  });

  it('shows no paper FPS for a document written before they were joined (it reads no paper file when drawing)', () => {
    const older = { ...document, summary: { pairs: [] } } as unknown as ResultDocument;
    const drawn = normalizeDecoders([{ loaded: { file: 'old.json', runDir: '.', kind: 'decoder-bench', document: older }, series: 'laptop' }]).decoders;
    expect(drawn.map((d) => [d.paperGpuFps, d.paperIphoneFps])).toEqual([[null, null], [null, null]]);
  });

  it('prints the pair with its interval and the file it timed', () => {
    const report = { decoders, decoderPairs: pairs } as unknown as NormalizedReport;
    expect(decoderSpeedupTable(report)!.rows).toEqual([['turbo-vaed-hunyuan', 'hv', '2.50\u2009[2.25, 2.75]', '—']]);
    expect(decoderFilesTable(report)!.rows).toEqual([['turbo-vaed-hunyuan', 'exports/mine.onnx', '3.00', 'ab'.repeat(32), '1,234,567']]);
  });
});
