import { spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { requireSystemTool } from '@evalkit/test-harness';
import { evalkitInBackground, useQueueFixture, type WorkerProcess } from './support/queue-workers';

const bin = resolve(__dirname, '../bin/evalkit.js');
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

/** Runs evalkit asynchronously (workers keep running meanwhile); the child is killed at the end of the file if still running. */
const producers: ChildProcess[] = [];
const evalkit = (args: string[]) => evalkitInBackground(args, producers);

const count = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].length;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves once a (stopped) worker's log has not grown for 300 ms: all it wrote has been read. */
async function settled(worker: WorkerProcess): Promise<void> {
  for (let last = -1; worker.log().length !== last; ) {
    last = worker.log().length;
    await sleep(300);
  }
}

/** A document without its run manifest (times, command line, host), which is all a queue run may change. */
const withoutManifest = (path: string) => {
  const { manifest, ...rest } = JSON.parse(readFileSync(path, 'utf8'));
  expect(manifest).toBeDefined();
  return rest;
};

redis.describe('evalkit metrics --manifest --queue with evalkit worker processes', () => {
  afterAll(() => {
    for (const p of producers) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  });
  const queue = useQueueFixture(redis.paths['redis-server'], 'evalkit-queue-40-');
  const { dir } = queue;

  it('gives the local run\'s document from two workers, one killed with SIGKILL mid-run: same rows, none twice, failed inputs listed once', async () => {
    const manifest = writeFortyPairs(dir);
    const local = spawnSync(process.execPath, [bin, 'metrics', '--manifest', manifest, '--workers', '2', '--out', join(dir, 'local.json')], { encoding: 'utf8', timeout: 120_000 });
    expect(local.stderr).not.toMatch(/error/i);
    expect(local.status).toBe(0);

    // The first worker takes pairs two at a time and is killed once it has finished three of them,
    // with more in hand; the second starts after that and must also finish what the first held.
    const stall = ['--stall-ms', '500'];
    const doomed = await queue.startWorker(['--concurrency', '2', '--name', 'doomed', ...stall]);
    const producer = evalkit(['metrics', '--manifest', manifest, '--queue', queue.url, '--out', join(dir, 'queued.json')]);
    await doomed.waitFor(/(pair \S+ done[^\n]*\n[^]*){3}/);
    // Kill it while it is inside a pair (started, not done), as a crash mid-job would. A pair takes
    // milliseconds, so a plain kill can land just after the pair finished: freeze the worker with
    // SIGSTOP, let what it printed before the freeze arrive, and only then read what it holds; if it
    // held nothing at that instant, let it go on and freeze it again.
    let inHand: string[] = [];
    for (let tries = 0; tries < 200 && inHand.length === 0; tries++) {
      for (let i = 0; i < 2000 && count(doomed.log(), /pair \S+ started/g) <= count(doomed.log(), /pair \S+ done/g); i++) await sleep(1);
      doomed.child.kill('SIGSTOP');
      await settled(doomed);
      inHand = [...doomed.log().matchAll(/pair (\S+) started/g)].map((m) => m[1]).filter((id) => !doomed.log().includes(`pair ${id} done`));
      if (inHand.length === 0) doomed.child.kill('SIGCONT');
    }
    await doomed.stop('SIGKILL');
    expect(inHand.length).toBeGreaterThan(0);
    const survivor = await queue.startWorker(['--concurrency', '2', '--name', 'survivor', ...stall]);
    const queued = await producer;
    expect(queued.stderr).not.toMatch(/error/i);
    expect(queued.status).toBe(0);

    // What the killed worker held was started again by the survivor.
    for (const id of inHand) expect(survivor.log()).toContain(`pair ${id} started (attempt 2)`);
    const a = withoutManifest(join(dir, 'local.json'));
    const b = withoutManifest(join(dir, 'queued.json'));
    expect(b).toEqual(a);
    expect(b.results).toHaveLength(40);
    expect(new Set(b.results.map((r: { id: string }) => r.id)).size).toBe(40);
    expect(b.summary).toMatchObject({ pairs: 40, evaluated: 38, failed: 2, failedIds: ['broken-corrupt', 'broken-missing'] });
    expect(b.results.filter((r: { status: string }) => r.status === 'failed').map((r: { id: string }) => r.id)).toEqual(['broken-corrupt', 'broken-missing']);
    expect(queued.stdout).toMatch(/40 videos: 38 evaluated, 2 failed/);
  });
});
