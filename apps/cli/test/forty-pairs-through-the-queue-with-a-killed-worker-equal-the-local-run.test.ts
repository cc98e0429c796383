import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRunManifest, serializeResultDocument } from '@evalkit/core';
import { assembleDatasetDocument, createDatasetConfig, evaluatePair, readManifest } from '@evalkit/dataset';
import { parseQueueUrl, runDatasetOnQueue } from '@evalkit/job-queue';
import { requireSystemTool, startRedisServer, type PrivateRedis } from '@evalkit/test-harness';
import { startWorkerProcess, type WorkerProcess } from './support/queue-workers';

const RECON = resolve(__dirname, '../../../fixtures/recon/images');
const redis = requireSystemTool('redis-server');

/**
 * 40 pairs: the 12 distorted fixture images against their references (scikit-image's test images,
 * fixtures/recon), cycled to 38, plus a corrupt and a missing test file.
 */
function writeFortyPairs(dir: string): string {
  const scenes = ['astronaut', 'camera', 'chelsea', 'coffee'];
  const distortions = ['blur', 'noise', 'shift'];
  const scored = scenes.flatMap((s) => distortions.map((d) => [join(RECON, `${s}-ref.png`), join(RECON, `${s}-${d}.png`)]));
  const rows = Array.from({ length: 38 }, (_, i) => [`clip-${String(i).padStart(2, '0')}`, ...scored[i % scored.length]]);
  writeFileSync(join(dir, 'corrupt.png'), 'not an image');
  rows.push(['broken-corrupt', join(RECON, 'camera-ref.png'), 'corrupt.png']);
  rows.push(['broken-missing', join(RECON, 'camera-ref.png'), 'missing.png']);
  const manifest = join(dir, 'pairs.csv');
  writeFileSync(manifest, `id,ref,test\n${rows.map((r) => r.join(',')).join('\n')}\n`);
  return manifest;
}

/** One run manifest for both documents, so they may differ in nothing. */
const manifest = createRunManifest({ tool: 'test', toolVersion: '0', startedAt: new Date(0), finishedAt: new Date(1000), config: {} });

redis.describe('a 40-pair dataset through the queue and `evalkit worker` processes', () => {
  let server: PrivateRedis;
  const workers: WorkerProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'evalkit-queue-40-'));
  beforeAll(async () => {
    server = await startRedisServer(redis.paths['redis-server']);
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the local document from two workers, one killed with SIGKILL mid-run: same rows, none twice, failed inputs listed once', async () => {
    const pairs = readManifest(writeFortyPairs(dir));
    const config = createDatasetConfig({ metrics: ['psnr', 'ssim'] }, pairs);
    const local = assembleDatasetDocument(config, await Promise.all(pairs.map((p) => evaluatePair(p, config))), manifest);

    // The first worker takes pairs two at a time and is killed once it has finished three of them,
    // with more in hand; the second starts after that and must also finish what the first held.
    const stall = ['--stall-ms', '500'];
    const doomed = await startWorkerProcess(['--queue', server.url, '--concurrency', '2', '--name', 'doomed', ...stall]);
    workers.push(doomed);
    const producer = runDatasetOnQueue({ queue: parseQueueUrl(server.url), pairs, config, pollMs: 50 });
    await doomed.waitFor(/(pair \S+ done[^\n]*\n[^]*){3}/);
    await doomed.stop('SIGKILL');
    const inHand = [...doomed.log().matchAll(/pair (\S+) started/g)].map((m) => m[1]).filter((id) => !doomed.log().includes(`pair ${id} done`));
    expect(inHand.length).toBeGreaterThan(0);
    const survivor = await startWorkerProcess(['--queue', server.url, '--concurrency', '2', '--name', 'survivor', ...stall]);
    workers.push(survivor);
    const queued = assembleDatasetDocument(config, await producer, manifest);

    // What the killed worker held was started again by the survivor.
    for (const id of inHand) expect(survivor.log()).toContain(`pair ${id} started (attempt 2)`);
    expect(serializeResultDocument(queued)).toBe(serializeResultDocument(local));
    expect(queued.results).toHaveLength(40);
    expect(new Set(queued.results.map((r) => r.id)).size).toBe(40);
    expect(queued.summary).toMatchObject({ pairs: 40, evaluated: 38, failed: 2, failedIds: ['broken-corrupt', 'broken-missing'] });
    expect(queued.results.filter((r) => r.status === 'failed').map((r) => r.id)).toEqual(['broken-corrupt', 'broken-missing']);
  });
});
