import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createDatasetConfig, decodePairRow, evaluatePair, type DatasetPair } from '@evalkit/dataset';
import { createPairThreads } from '../src';
import { type PairThreads } from '../src/pair-threads';

const RECON = resolve(__dirname, '../../../fixtures/recon/images');

describe('createPairThreads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'evalkit-pair-threads-'));
  writeFileSync(join(dir, 'corrupt.png'), 'not an image');
  const pairs: DatasetPair[] = [
    { id: 'astronaut-noise', ref: join(RECON, 'astronaut-ref.png'), test: join(RECON, 'astronaut-noise.png') },
    { id: 'camera-blur', ref: join(RECON, 'camera-ref.png'), test: join(RECON, 'camera-blur.png') },
    { id: 'coffee-shift', ref: join(RECON, 'coffee-ref.png'), test: join(RECON, 'coffee-shift.png') },
    { id: 'broken', ref: join(RECON, 'camera-ref.png'), test: join(dir, 'corrupt.png') },
  ];
  const config = createDatasetConfig({ metrics: ['psnr', 'ssim'] }, pairs);
  let threads: PairThreads;
  beforeAll(() => {
    threads = createPairThreads(2);
  });
  afterAll(async () => {
    await threads.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('evaluates pairs two at a time into the rows evaluatePair gives on this thread, a corrupt input as a failed row', async () => {
    const onThreads = await Promise.all(pairs.map((p) => threads.evaluate(p, config)));
    const here = await Promise.all(pairs.map((p) => evaluatePair(p, config)));
    expect(onThreads.map((text, i) => decodePairRow(text, pairs[i].id))).toEqual(here);
    expect(here[3]).toMatchObject({ id: 'broken', status: 'failed' });
    expect(here.slice(0, 3).every((r) => r.status === 'ok')).toBe(true);
  });

  it('rejects a pair whose signal is aborted before it starts, as interrupted (the queue retries it)', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(threads.evaluate(pairs[0], config, controller.signal)).rejects.toMatchObject({ code: 'EVK_INTERRUPTED' });
  });
});
