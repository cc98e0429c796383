import { createRunManifest, serializeResultDocument } from '@evalkit/core';
import { assembleDatasetDocument, createDatasetConfig, decodePairRow, encodePairRow, type PairRow } from '../src';

const pairs = ['b', 'a', 'c', 'd'].map((id) => ({ id, ref: `/r/${id}.mp4`, test: `/t/${id}.mp4`, baseline: `/h/${id}.mp4` }));
const config = createDatasetConfig({ metrics: ['psnr', 'ssim'] }, pairs);
const manifest = createRunManifest({ tool: 'test', toolVersion: '0', startedAt: new Date(0), finishedAt: new Date(1000), config: {} });
const media = { ref: { format: 'video' }, test: { format: 'video' } };
const rows: PairRow[] = [
  { id: 'a', status: 'ok', frames: 17, metrics: { psnr: 30, psnrPooled: 29, ssim: 0.9 }, baseline: { psnr: 32, psnrPooled: 31, ssim: 0.95 }, media },
  { id: 'b', status: 'ok', frames: 10, metrics: { psnr: Infinity, psnrPooled: Infinity, ssim: 1 }, baseline: { psnr: 40, psnrPooled: 40, ssim: 1 }, media },
  { id: 'c', status: 'failed', error: { code: 'EVK_INVALID_INPUT', message: '/t/c.mp4: not a readable video' } },
  { id: 'd', status: 'ok', frames: 17, metrics: { psnr: 20, psnrPooled: 19, ssim: 0.5 }, baseline: { psnr: 24, psnrPooled: 23, ssim: 0.7 }, media },
];

describe('assembleDatasetDocument', () => {
  it('gives byte-identical documents for the same rows in any order and any key order', () => {
    const one = serializeResultDocument(assembleDatasetDocument(config, rows, manifest));
    // rows as a queue or a journal carries them: JSON with non-finite numbers spelled out, keys reordered
    const shuffled = [rows[3], rows[1], rows[0], rows[2]].map((r) => {
      const decoded = decodePairRow(encodePairRow(r)) as unknown as Record<string, unknown>;
      return Object.fromEntries(Object.entries(decoded).reverse()) as unknown as PairRow;
    });
    expect(serializeResultDocument(assembleDatasetDocument(config, shuffled, manifest))).toBe(one);
  });

  it('sorts rows by id, lists failures once and averages over the evaluated videos (hand-computed)', () => {
    const doc = assembleDatasetDocument(config, rows, manifest);
    expect(doc.results.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(doc.summary).toMatchObject({ pairs: 4, evaluated: 3, failed: 1, failedIds: ['c'], frames: 44 });
    expect(doc.summary.mean.ssim).toBeCloseTo((0.9 + 1 + 0.5) / 3, 15);
    expect(doc.summary.mean.psnr).toBe(Infinity);
    expect(doc.summary.baselineMean!.psnr).toBeCloseTo((32 + 40 + 24) / 3, 12);
    const ssim = doc.summary.retention!.find((r) => r.metric === 'ssim')!;
    expect(ssim.retention).toBeCloseTo(2.4 / 2.65, 12);
  });

  it('refuses a row counted twice', () => {
    expect(() => assembleDatasetDocument(config, [...rows, rows[0]], manifest)).toThrow(/two rows share an id/);
  });

  it('refuses JSON null where a number was (JSON.stringify turns Infinity into null)', () => {
    expect(() => decodePairRow(JSON.stringify(rows[1]))).toThrow(/metrics\.psnr/);
  });
});
