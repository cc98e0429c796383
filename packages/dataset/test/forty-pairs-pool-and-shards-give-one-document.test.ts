import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRunManifest, parseResultDocument, serializeResultDocument } from '@evalkit/core';
import { assertClose } from '@evalkit/test-harness';
import { assembleDatasetDocument, createDatasetConfig, journalPathFor, mergeDatasetDocuments, readManifest, runDataset, selectShard } from '../src';
import { type EvaluatedPairRow } from '../src/pair';
import { RECON, referencePairs, writeManifest } from './fixture-dataset';

const manifestTimes = createRunManifest({ tool: 'test', toolVersion: '0', startedAt: new Date(0), finishedAt: new Date(1000), config: {} });

/** 40 pairs: the 15 scored fixture pairs cycled, plus a missing and a corrupt test file. */
function fortyPairs() {
  const scored = referencePairs().filter((p) => p.distortion !== 'identity');
  const rows: string[][] = [];
  const expected = new Map<string, (typeof scored)[number]>();
  for (let i = 0; i < 38; i++) {
    const p = scored[i % scored.length];
    const id = `clip-${String(i).padStart(2, '0')}`;
    rows.push([id, join(RECON, p.ref), join(RECON, p.test)]);
    expected.set(id, p);
  }
  const { dir, manifest } = writeManifest([]);
  writeFileSync(join(dir, 'corrupt.png'), 'not an image');
  rows.push(['broken-corrupt', join(RECON, 'images/camera-ref.png'), 'corrupt.png']);
  rows.push(['broken-missing', join(RECON, 'images/camera-ref.png'), 'missing.png']);
  writeFileSync(manifest, `id,ref,test\n${rows.map((r) => r.join(',')).join('\n')}\n`);
  return { dir, manifest, expected };
}

describe('a 40-pair manifest', () => {
  const { dir, manifest, expected } = fortyPairs();
  const pairs = readManifest(manifest);
  const settings = { metrics: ['psnr', 'ssim'] as const };

  it('gives one document from a pool of 2 worker threads and from 4 shards merged, failed inputs listed once', async () => {
    const config = createDatasetConfig({ ...settings, metrics: [...settings.metrics] }, pairs);
    const pooled = assembleDatasetDocument(config, await runDataset(pairs, config, { workers: 2 }), manifestTimes);

    const shardFiles = [];
    for (let i = 0; i < 4; i++) {
      const shardConfig = createDatasetConfig({ ...settings, metrics: [...settings.metrics] }, pairs, { index: i, count: 4 });
      const rows = await runDataset(selectShard(pairs, i, 4), shardConfig, { workers: 1 });
      shardFiles.push(serializeResultDocument(assembleDatasetDocument(shardConfig, rows, manifestTimes)));
    }
    const merged = mergeDatasetDocuments(shardFiles.reverse().map((text) => parseResultDocument(text)), { manifest: manifestTimes });

    expect(serializeResultDocument(merged)).toBe(serializeResultDocument(pooled));
    expect(pooled.results).toHaveLength(40);
    expect(new Set(pooled.results.map((r) => r.id)).size).toBe(40);
    expect(pooled.summary).toMatchObject({ pairs: 40, evaluated: 38, failed: 2, failedIds: ['broken-corrupt', 'broken-missing'] });
    const failures = pooled.results.filter((r) => r.status === 'failed');
    expect(failures.map((r) => r.id)).toEqual(['broken-corrupt', 'broken-missing']);
    // each evaluated row is scikit-image's score of its pair
    for (const row of pooled.results.filter((r): r is EvaluatedPairRow & Record<string, unknown> => r.status === 'ok')) {
      assertClose(row.metrics.psnr!, expected.get(row.id)!.psnr, { atol: 1e-9, rtol: 0 });
      assertClose(row.metrics.ssim!, expected.get(row.id)!.ssimWang, { atol: 1e-6, rtol: 0 });
    }
  });

  it('resumes an interrupted run from its journal, evaluating only the pairs left', async () => {
    const config = createDatasetConfig({ ...settings, metrics: [...settings.metrics] }, pairs);
    const journal = journalPathFor(join(dir, 'out.json'));
    const controller = new AbortController();
    await expect(
      runDataset(pairs, config, {
        workers: 2,
        journal,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.videosDone >= 12) controller.abort();
        },
      }),
    ).rejects.toMatchObject({ code: 'EVK_INTERRUPTED' });
    let resumed = -1;
    const rows = await runDataset(pairs, config, { workers: 2, journal, onProgress: (p) => (resumed = p.resumed) });
    expect(resumed).toBeGreaterThanOrEqual(12);
    expect(resumed).toBeLessThan(40);
    const whole = assembleDatasetDocument(config, await runDataset(pairs, config, { workers: 1 }), manifestTimes);
    expect(serializeResultDocument(assembleDatasetDocument(config, rows, manifestTimes))).toBe(serializeResultDocument(whole));
    // a journal of other settings is refused rather than mixed in
    const other = createDatasetConfig({ metrics: ['psnr'] }, pairs);
    await expect(runDataset(pairs, other, { journal })).rejects.toThrow(/other settings or another dataset/);
  });
});
