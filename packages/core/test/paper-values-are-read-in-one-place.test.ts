import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ERROR_CODES, paperFps, paperGpuSpeedup, readPaperValues } from '../src';

describe('readPaperValues', () => {
  it('reads both papers from fixtures/paper, typed', () => {
    const { turboVaed, psydraw } = readPaperValues();
    // Turbo-VAED Table 2: HunyuanVideo 10.1 FPS, Turbo-VAED-Hunyuan 87.5 FPS on GPU at 512x512.
    expect(paperGpuSpeedup(turboVaed, 'hunyuanvideo', 'turbo-vaed-hunyuan')).toBeCloseTo(87.5 / 10.1, 12);
    expect(turboVaed!.pairs).toContainEqual({ baseline: 'hunyuanvideo', turbo: 'turbo-vaed-hunyuan' });
    expect(psydraw!.percent.Total).toBeDefined();
  });

  it('gives null for an absent file and refuses a malformed one naming file, field and value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evk-paper-'));
    try {
      expect(readPaperValues(dir)).toEqual({ turboVaed: null, psydraw: null });
      writeFileSync(join(dir, 'psydraw.json'), JSON.stringify({ source: 'x', percent: { Total: { High: '52%' } } }));
      expect(() => readPaperValues(dir)).toThrow(expect.objectContaining({ code: ERROR_CODES.INVALID_INPUT, file: join(dir, 'psydraw.json'), field: 'percent.Total.High', value: '52%' }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has no GPU speedup for a pair the paper does not time', () => {
    expect(paperGpuSpeedup(readPaperValues().turboVaed, 'hunyuanvideo', 'no-such-model')).toBeNull();
    expect(paperGpuSpeedup(null, 'hunyuanvideo', 'turbo-vaed-hunyuan')).toBeNull();
  });

  it('gives each decoder\'s GPU and iPhone FPS as the paper lists them (null where it has none), and nothing for a decoder it does not list', () => {
    const paper = readPaperValues().turboVaed;
    expect(paperFps(paper, 'turbo-vaed-ltx')).toEqual({ gpuFps: 841.6, iphoneFps: 161.8 });
    expect(paperFps(paper, 'hunyuanvideo')).toEqual({ gpuFps: 10.1, iphoneFps: null });
    expect(paperFps(paper, 'no-such-model')).toBeNull();
    expect(paperFps(null, 'hunyuanvideo')).toBeNull();
  });
});
